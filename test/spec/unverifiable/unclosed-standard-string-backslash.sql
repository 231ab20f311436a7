-- expect: unverifiable@2:28
UPDATE t SET a = 'a\', b = ' WHERE id = 1;
