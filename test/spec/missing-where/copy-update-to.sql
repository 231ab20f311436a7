-- expect: missing-where@2:7
COPY (UPDATE t SET a = 1 RETURNING *) TO STDOUT WITH (FORMAT csv);
