-- expect: none
UPDATE t SET x = 1 WHERE a = b;
