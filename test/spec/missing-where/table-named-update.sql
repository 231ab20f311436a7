-- expect: missing-where@2:1
UPDATE "update" SET a = 1;
