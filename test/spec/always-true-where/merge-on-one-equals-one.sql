-- expect: always-true-where@3:1
-- 🚀 sync everything
MERGE INTO t USING s ON 1 = 1
WHEN MATCHED THEN UPDATE SET a = s.a;
