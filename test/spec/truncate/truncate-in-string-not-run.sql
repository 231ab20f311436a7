-- expect: none
SELECT 'TRUNCATE t';
