-- expect: none
DO $$
BEGIN
  UPDATE t SET a = 1 WHERE id = 1;
  PERFORM pg_sleep(0);
END $$;
