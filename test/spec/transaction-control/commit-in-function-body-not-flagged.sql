-- expect: none
CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  COMMIT;
END $$;
