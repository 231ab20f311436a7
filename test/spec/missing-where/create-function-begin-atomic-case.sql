-- expect: missing-where@7:3
-- expect: missing-where@10:1
CREATE FUNCTION pick(x int) RETURNS int
LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;
  UPDATE t SET a = x;
END;
SELECT 1;
UPDATE t SET a = 2;
