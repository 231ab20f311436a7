-- expect: none
DELETE FROM invoices WHERE amount < 5 OR amount > 5;
