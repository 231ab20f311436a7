-- expect: none
DELETE FROM invoices WHERE 1 = 2;
