-- expect: always-true-where@2:1
DELETE FROM invoices WHERE CAST('on' AS pg_catalog.bool);
