-- expect: unverifiable@5:12
DO $$
DECLARE r record;
BEGIN
  FOR r IN EXECUTE 'SELECT 1' LOOP
    NULL;
  END LOOP;
END $$;
