-- expect: unverifiable@2:1
\o | psql prod
SELECT 1;
