-- expect: none
COPY (SELECT * FROM t WHERE id > 1) TO STDOUT;
