-- expect: always-true-where@2:1
DELETE FROM invoices i WHERE i.id = ANY (SELECT x.id FROM invoices x);
