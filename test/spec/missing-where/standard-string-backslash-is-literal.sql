-- expect: missing-where@2:1
UPDATE t SET a = 'a\', b = ' WHERE id = 1 -- ';
