-- expect: missing-where@4:3
DO $$ -- 🚀 release
BEGIN -- ✓
  DELETE FROM t;
END $$;
