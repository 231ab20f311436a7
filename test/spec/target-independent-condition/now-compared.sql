-- expect: target-independent-condition@2:1
DELETE FROM invoices WHERE now() > '2020-01-01';
