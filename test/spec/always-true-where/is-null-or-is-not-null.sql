-- expect: always-true-where@2:1
DELETE FROM invoices WHERE paid_at IS NULL OR paid_at IS NOT NULL;
