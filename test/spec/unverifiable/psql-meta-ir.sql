-- expect: unverifiable@2:1
\ir setup.sql
SELECT 1;
