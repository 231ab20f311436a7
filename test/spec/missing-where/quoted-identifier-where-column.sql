-- expect: missing-where@2:1
UPDATE t SET "where" = 1;
