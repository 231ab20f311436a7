-- expect: none
DELETE FROM invoices USING invoices i2 WHERE invoices.id = i2.parent_id;
