-- expect: none
DELETE FROM invoices WHERE id IN (7, 8);
