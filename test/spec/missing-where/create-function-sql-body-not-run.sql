-- expect: none
CREATE FUNCTION wipe() RETURNS void LANGUAGE sql AS $$ DELETE FROM t $$;
