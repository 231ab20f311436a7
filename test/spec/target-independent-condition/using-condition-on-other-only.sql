-- expect: target-independent-condition@2:1
DELETE FROM invoices USING customers c WHERE c.id = 7;
