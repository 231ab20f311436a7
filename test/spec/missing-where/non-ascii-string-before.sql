-- expect: missing-where@2:16
SELECT 'café'; DELETE FROM t;
