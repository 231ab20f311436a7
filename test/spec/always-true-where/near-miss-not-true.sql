-- expect: none
UPDATE t SET a = 1 WHERE NOT true;
