-- expect: none
DELETE FROM invoices WHERE id IN (SELECT id FROM archived);
