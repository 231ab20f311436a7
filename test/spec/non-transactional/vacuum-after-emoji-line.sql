-- expect: non-transactional@3:1
-- 🧽
VACUUM ANALYZE users;
