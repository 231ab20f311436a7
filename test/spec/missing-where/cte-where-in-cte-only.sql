-- expect: missing-where@2:42
WITH s AS (SELECT * FROM u WHERE id = 1) UPDATE t SET a = s.a FROM s;
