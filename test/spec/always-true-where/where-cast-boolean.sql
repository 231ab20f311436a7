-- expect: always-true-where@2:1
UPDATE t SET a = 1 WHERE 't'::boolean;
