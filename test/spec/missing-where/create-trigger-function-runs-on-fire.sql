-- expect: missing-where@4:3
CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM log;
  RETURN NEW;
END $$;
