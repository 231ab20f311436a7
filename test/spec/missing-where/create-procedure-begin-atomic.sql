-- expect: missing-where@8:1
CREATE PROCEDURE wipe()
LANGUAGE sql
BEGIN ATOMIC
  DELETE FROM t;
  UPDATE t SET a = 1;
END;
DELETE FROM u;
