-- expect: missing-where@8:1
CREATE OR REPLACE FUNCTION wipe() RETURNS void AS $$
BEGIN
  DELETE FROM t;
  UPDATE u SET a = 1;
END
$$ LANGUAGE plpgsql;
DELETE FROM u;
