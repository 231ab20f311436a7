-- expect: unverifiable@3:14
SELECT 1;
SELECT '🚀', 'open
