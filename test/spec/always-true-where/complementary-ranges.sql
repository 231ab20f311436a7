-- expect: always-true-where@2:1
DELETE FROM invoices WHERE amount < 5 OR amount >= 5;
