-- expect: always-true-where@2:1
DELETE FROM invoices WHERE paid OR NOT paid;
