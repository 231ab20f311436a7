-- expect: missing-where@6:1
SELECT 1 \; COPY t FROM STDIN;
1	DELETE FROM t;
\.

DELETE FROM t;
