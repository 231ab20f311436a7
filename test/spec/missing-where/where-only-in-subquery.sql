-- expect: missing-where@2:1
UPDATE t SET a = (SELECT b FROM s WHERE s.id = 1);
