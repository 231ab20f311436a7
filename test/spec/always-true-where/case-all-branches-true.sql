-- expect: always-true-where@2:1
DELETE FROM invoices WHERE CASE WHEN paid THEN true ELSE 1 = 1 END;
