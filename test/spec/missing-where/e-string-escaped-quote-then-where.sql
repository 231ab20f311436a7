-- expect: none
UPDATE t SET a = E'a\', b = ' WHERE id = 1;
