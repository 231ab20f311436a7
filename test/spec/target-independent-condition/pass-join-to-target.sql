-- expect: none
DELETE FROM invoices USING customers c WHERE c.id = invoices.customer_id AND c.id = 7;
