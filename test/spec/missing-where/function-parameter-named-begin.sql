-- expect: missing-where@2:70
CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql AS 'select 1'; DELETE FROM t;
