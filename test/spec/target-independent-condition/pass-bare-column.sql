-- expect: none
DELETE FROM invoices WHERE paid;
