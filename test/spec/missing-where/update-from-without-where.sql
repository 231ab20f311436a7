-- expect: missing-where@2:1
UPDATE t SET a = s.a FROM s;
