-- expect: missing-where@2:20
SELECT '🚀'; /*ü*/ DELETE /*🚀*/ FROM t;
