-- expect: unverifiable@5:3
-- expect: missing-where@6:3
DO $$
BEGIN
  EXECUTE 'SELECT 1';
  DELETE FROM t;
END $$;
