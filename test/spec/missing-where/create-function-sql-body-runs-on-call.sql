-- expect: missing-where@2:56
CREATE FUNCTION wipe() RETURNS void LANGUAGE sql AS $$ DELETE FROM t $$;
