-- expect: target-independent-condition@2:1
DELETE FROM invoices i WHERE EXISTS (SELECT 1 FROM invoices j WHERE j.id = 7);
