-- expect: unverifiable@3:1
SELECT 1;
/* outer /* inner */ still open
DELETE FROM t;
