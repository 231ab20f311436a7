-- expect: unverifiable@2:13
DELETE FROM "users;
