-- expect: none
-- 削除 ✓ 🚀
SELECT '🚀' AS rocket;
