-- expect: missing-where@3:1
-- expect: unverifiable@4:8
DELETE FROM t;
SELECT 'abc;
DELETE FROM u;
