-- expect: always-true-where@2:1
DELETE FROM invoices WHERE current_date = current_date;
