-- expect: none
DELETE FROM invoices WHERE CASE WHEN paid THEN true ELSE false END;
