-- expect: none
UPDATE t SET a = s.a FROM s WHERE t.id = s.id;
