-- expect: always-true-where@2:1
DELETE FROM invoices WHERE amount > 3 OR amount < 10;
