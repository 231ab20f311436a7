-- expect: unverifiable@2:1
\include_relative setup.sql
SELECT 1;
