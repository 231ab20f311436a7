-- expect: none
DELETE FROM t USING s WHERE t.id = s.id;
