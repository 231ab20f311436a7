-- expect: always-true-where@2:1
DELETE FROM invoices WHERE (2::int8 * '2') = 4.000;
