-- expect: missing-where@2:1
UPDATE t SET a = E'x\' WHERE id = 1 --';
