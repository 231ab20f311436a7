-- expect: missing-where@2:11
SELECT 1; DELETE FROM t; UPDATE t SET a = 1 WHERE id = 1;
