-- expect: missing-where@2:1
UPDATE ONLY accounts SET balance = 0;
