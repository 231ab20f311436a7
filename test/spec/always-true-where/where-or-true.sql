-- expect: always-true-where@2:1
UPDATE users SET emailed = false WHERE id = 5 OR true;
