-- expect: unverifiable@2:8
SELECT 'abc;
DELETE FROM t;
