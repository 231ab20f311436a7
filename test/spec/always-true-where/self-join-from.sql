-- expect: always-true-where@2:1
UPDATE invoices i SET paid = true FROM invoices j WHERE j.id = i.id AND 1 = 1;
