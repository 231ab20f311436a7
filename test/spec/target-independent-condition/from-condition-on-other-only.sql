-- expect: target-independent-condition@2:1
UPDATE invoices SET paid = true FROM customers WHERE customers.vip;
