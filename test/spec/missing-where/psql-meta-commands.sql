-- expect: missing-where@4:1
\set ON_ERROR_STOP on
\timing on
DELETE FROM t;
