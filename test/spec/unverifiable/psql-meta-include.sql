-- expect: unverifiable@2:1
\include setup.sql
SELECT 1;
