-- expect: none
DELETE FROM invoices WHERE EXISTS (SELECT 1 FROM customers c WHERE c.id = invoices.customer_id);
