-- expect: unverifiable@3:18
SELECT 1;
UPDATE t SET a = $body$ text $$ more;
DELETE FROM t;
