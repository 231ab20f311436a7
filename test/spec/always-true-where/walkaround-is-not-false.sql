-- expect: always-true-where@2:1
UPDATE invoices SET paid = true WHERE (id = id) IS NOT FALSE;
