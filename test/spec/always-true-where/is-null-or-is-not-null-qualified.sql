-- expect: always-true-where@2:1
DELETE FROM invoices i WHERE paid_at IS NOT NULL OR (i.paid_at IS NULL);
