-- expect: always-true-where@2:1
DELETE FROM t WHERE 1 = 1 AND true AND 'x' = 'x';
