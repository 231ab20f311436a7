-- expect: missing-where@6:5
DO $body$
DECLARE n int;
BEGIN
  BEGIN
    UPDATE t SET a = 1;
  EXCEPTION WHEN others THEN
    NULL;
  END;
  IF n > 0 THEN
    DELETE FROM t WHERE id = n;
  END IF;
END
$body$;
