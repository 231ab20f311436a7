-- expect: always-true-where@2:1
DELETE FROM invoices WHERE id = 5 OR (ref = ref);
