-- expect: always-true-where@2:1
UPDATE invoices SET paid = true WHERE 3 IN (3, 4);
