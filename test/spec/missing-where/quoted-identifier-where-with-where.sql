-- expect: none
UPDATE "where" SET "where" = 1 WHERE "where" = 2;
