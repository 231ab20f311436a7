-- expect: missing-where@2:15
\timing on \\ DELETE FROM t;
