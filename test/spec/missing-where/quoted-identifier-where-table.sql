-- expect: missing-where@2:1
DELETE FROM "where";
