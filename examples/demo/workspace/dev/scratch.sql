-- A development file: everything outside prod/ is bound to dev-shop (environment development).
-- The same dangerous statements are warnings here, not errors. Compare with prod/01-missing-where.sql.

DELETE FROM order_items;

SELECT status, count(*) AS orders, round(avg(total_cents) / 100.0, 2) AS avg_total
FROM orders
GROUP BY status
ORDER BY orders DESC;

SELECT country, count(*) FILTER (WHERE marketing_opt_in) AS opted_in, count(*) AS customers
FROM customers
GROUP BY country
ORDER BY customers DESC;
