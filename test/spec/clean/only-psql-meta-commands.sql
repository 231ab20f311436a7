-- expect: none
\set ON_ERROR_STOP on
\timing on
\echo 'DELETE FROM t;'
