-- expect: unverifiable@2:1
\i setup.sql
SELECT 1;
