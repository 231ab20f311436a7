-- expect: target-independent-condition@2:1
DELETE FROM invoices i USING customers c WHERE c.id = 7 AND c.x = c.y;
