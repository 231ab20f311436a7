-- expect: missing-where@2:13
SELECT 1 \; DELETE FROM invoices;
