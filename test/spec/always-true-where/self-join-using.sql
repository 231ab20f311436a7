-- expect: always-true-where@2:1
DELETE FROM invoices USING invoices i2 WHERE invoices.id = i2.id;
