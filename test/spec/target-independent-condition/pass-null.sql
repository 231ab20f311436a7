-- expect: none
DELETE FROM invoices WHERE NULL;
