-- expect: target-independent-condition@2:1
DELETE FROM invoices WHERE (SELECT random()) < 2;
