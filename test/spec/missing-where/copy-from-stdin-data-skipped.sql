-- expect: missing-where@7:1
COPY t (a, b) FROM stdin;
1	DELETE FROM t;
2	UPDATE t SET a = 1;
3	'unclosed
\.
DELETE FROM t;
