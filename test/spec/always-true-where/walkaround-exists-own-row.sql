-- expect: always-true-where@2:1
DELETE FROM t WHERE EXISTS (SELECT 1 FROM t t2 WHERE t2.id = t.id);
