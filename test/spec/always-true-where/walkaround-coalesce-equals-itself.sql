-- expect: always-true-where@2:1
DELETE FROM invoices WHERE coalesce(id, 0) = coalesce(id, 0);
