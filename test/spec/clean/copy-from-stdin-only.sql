-- expect: none
COPY t (a) FROM STDIN;
DELETE FROM t;
\.
