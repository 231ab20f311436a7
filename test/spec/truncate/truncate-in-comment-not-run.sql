-- expect: none
-- TRUNCATE t;
/* TRUNCATE t; */
SELECT 1;
