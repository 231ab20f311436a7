-- expect: none
CREATE FUNCTION reset() RETURNS void LANGUAGE sql AS 'TRUNCATE t';
