-- expect: missing-where@6:5
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT id FROM t WHERE stale LOOP
    DELETE FROM audit;
  END LOOP;
END $$;
