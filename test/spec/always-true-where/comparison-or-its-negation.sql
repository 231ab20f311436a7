-- expect: always-true-where@2:1
DELETE FROM invoices WHERE amount > 10 OR NOT (amount > 10);
