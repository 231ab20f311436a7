-- expect: missing-where@6:1
CREATE FUNCTION g(x int, "end" int, atomic int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT x AS end, t.case FROM (SELECT 1 AS case) t WHERE CASE WHEN x > 0 THEN true END;
END;
DELETE FROM t;
