-- expect: always-true-where@2:1
DELETE FROM invoices WHERE 5 > amount OR amount >= 5.0;
