-- expect: missing-where@3:1
SELECT 1;
DELETE FROM t;
UPDATE t SET a = 1 WHERE id = 2;
