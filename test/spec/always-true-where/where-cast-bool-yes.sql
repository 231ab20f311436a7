-- expect: always-true-where@2:1
DELETE FROM t WHERE CAST('yes' AS bool);
