-- expect: always-true-where@2:1
DELETE FROM invoices WHERE 2 * 2 = 4;
