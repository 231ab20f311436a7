-- expect: missing-where@2:1
DELETE FROM t USING (SELECT id FROM s WHERE s.flag) AS s2;
