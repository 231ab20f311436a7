-- expect: missing-where@6:3
-- expect: missing-where@7:3
-- expect: missing-where@10:1
CREATE OR REPLACE FUNCTION wipe() RETURNS void AS $$
BEGIN
  DELETE FROM t;
  UPDATE u SET a = 1;
END
$$ LANGUAGE plpgsql;
DELETE FROM u;
