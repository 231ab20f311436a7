-- expect: always-true-where@2:1
UPDATE invoices AS i SET paid = true WHERE i.id = id;
