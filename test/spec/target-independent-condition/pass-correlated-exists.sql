-- expect: none
DELETE FROM invoices i WHERE EXISTS (SELECT 1 FROM customers c WHERE c.id = i.customer_id);
