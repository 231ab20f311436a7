-- expect: none
COPY t (a, b) FROM STDIN WITH (FORMAT csv);
1,DELETE FROM t;
\.
SELECT 1;
