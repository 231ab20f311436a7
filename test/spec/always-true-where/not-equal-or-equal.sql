-- expect: always-true-where@2:1
DELETE FROM invoices WHERE status <> 'open' OR status = 'open';
