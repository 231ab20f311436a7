-- expect: always-true-where@2:1
DELETE FROM invoices WHERE id = ANY(ARRAY[7, id]);
