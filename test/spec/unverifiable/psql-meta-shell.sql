-- expect: unverifiable@2:1
\! psql -c "DELETE FROM t"
SELECT 1;
