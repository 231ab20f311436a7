-- expect: missing-where@7:3
-- expect: missing-where@8:3
-- expect: missing-where@10:1
CREATE PROCEDURE wipe()
LANGUAGE sql
BEGIN ATOMIC
  DELETE FROM t;
  UPDATE t SET a = 1;
END;
DELETE FROM u;
