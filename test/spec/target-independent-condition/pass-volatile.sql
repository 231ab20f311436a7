-- expect: none
DELETE FROM invoices WHERE random() < 0.1;
