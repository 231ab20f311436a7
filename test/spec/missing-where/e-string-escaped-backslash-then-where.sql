-- expect: none
UPDATE t SET a = E'path\\' WHERE id = 1;
