-- expect: truncate@2:1
TRUNCATE TABLE orders, order_lines CASCADE;
