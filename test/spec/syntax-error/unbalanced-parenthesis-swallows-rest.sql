-- expect: syntax-error@2:10
SELECT (1;
DELETE FROM t;
