-- expect: missing-where@2:1
UPDATE accounts AS a SET balance = 0;
