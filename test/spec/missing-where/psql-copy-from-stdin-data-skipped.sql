-- expect: missing-where@6:1
\copy t (a, b) from stdin
1	DELETE FROM t;
2	'unclosed
\.
DELETE FROM t;
