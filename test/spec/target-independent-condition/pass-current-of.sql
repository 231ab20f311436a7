-- expect: none
DELETE FROM invoices WHERE CURRENT OF c;
