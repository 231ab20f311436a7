-- Rule: always-true-where (an error on production).
--
-- A WHERE that holds for every row is a missing WHERE that passes review.

UPDATE customers SET campaign = NULL WHERE 1 = 1;

DELETE FROM orders WHERE id = 5 OR true;

UPDATE orders SET status = 'cancelled' WHERE customer_id = customer_id;

-- Not flagged: a query builder's "1 = 1" prefix followed by a real filter.
DELETE FROM order_items WHERE 1 = 1 AND order_id = 12;
