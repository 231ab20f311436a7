-- expect: always-true-where@2:1
UPDATE t SET v = 1 WHERE v * 1.00 = v;
