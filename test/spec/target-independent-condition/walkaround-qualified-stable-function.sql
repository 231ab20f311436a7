-- expect: target-independent-condition@2:1
DELETE FROM invoices WHERE pg_catalog.now() > '2020-01-01';
