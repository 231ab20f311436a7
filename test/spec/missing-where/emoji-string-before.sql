-- expect: missing-where@2:14
SELECT '🚀'; UPDATE t SET a = 1;
