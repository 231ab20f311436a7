-- expect: none
DELETE FROM t WHERE name = :'name' AND kind = :"column";
SELECT 1::int, '{1,2}'::int[];
