-- expect: none
DELETE FROM invoices WHERE id IN (SELECT id FROM invoices WHERE paid);
