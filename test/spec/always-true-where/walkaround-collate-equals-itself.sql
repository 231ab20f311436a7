-- expect: always-true-where@2:1
DELETE FROM invoices WHERE ref = ref COLLATE "C";
