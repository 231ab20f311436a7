-- expect: truncate@4:3
DO $$
BEGIN
  TRUNCATE t;
END $$;
