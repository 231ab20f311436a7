-- expect: always-true-where@2:1
UPDATE t SET a = s.a FROM s WHERE id = id;
