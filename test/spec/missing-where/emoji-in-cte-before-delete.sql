-- expect: missing-where@2:29
WITH x AS (SELECT '🚀🚀🚀') DELETE FROM t;
