-- expect: missing-where@4:3
DO $$
BEGIN
  DELETE FROM t;
END
$$;
