-- expect: syntax-error@2:18
SELECT '🚀' FROM WHERE;
