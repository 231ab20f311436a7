-- expect: none
SELECT 1 \; DELETE FROM invoices WHERE id = 7;
