-- expect: always-true-where@2:1
DELETE FROM t WHERE 1::int = 1;
