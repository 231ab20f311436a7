-- expect: none
\set ON_ERROR_STOP on
\timing on
\echo 'starting \\ now'
\x
\pset border 2
\conninfo
SELECT 1 \gset
SELECT 2 \g out.txt
\o result.txt
SELECT 3;
