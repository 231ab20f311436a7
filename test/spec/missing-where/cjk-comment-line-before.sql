-- expect: missing-where@3:1
-- 削除 ✓ 🚀
DELETE /* ü */ FROM t;
