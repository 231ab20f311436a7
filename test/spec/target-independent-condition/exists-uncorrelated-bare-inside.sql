-- expect: target-independent-condition@2:1
DELETE FROM invoices WHERE EXISTS (SELECT 1 FROM customers WHERE id = 7);
