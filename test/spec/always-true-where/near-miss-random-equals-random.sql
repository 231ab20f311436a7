-- expect: none
DELETE FROM invoices WHERE random() = random();
