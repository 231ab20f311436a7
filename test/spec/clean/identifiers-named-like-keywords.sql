-- expect: none
SELECT "where", "delete", "update" FROM "truncate" WHERE "where" = 1;
