-- expect: truncate@2:55
CREATE FUNCTION reset() RETURNS void LANGUAGE sql AS 'TRUNCATE t';
