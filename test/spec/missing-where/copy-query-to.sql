-- expect: missing-where@2:7
COPY (DELETE FROM t RETURNING *) TO STDOUT;
