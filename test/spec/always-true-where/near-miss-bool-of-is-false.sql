-- expect: none
DELETE FROM invoices WHERE 'of'::boolean;
