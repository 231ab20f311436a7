-- expect: target-independent-condition@2:1
DELETE FROM invoices WHERE NOT EXISTS (SELECT 1 FROM customers c JOIN orders o ON o.c = c.id);
