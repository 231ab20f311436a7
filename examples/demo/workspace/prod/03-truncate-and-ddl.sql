-- Rules: truncate and destructive-ddl (both errors on production).
--
-- TRUNCATE empties whole tables at once and fires no DELETE triggers; with CASCADE it also empties
-- every table that references them.

TRUNCATE order_items;

TRUNCATE customers CASCADE;

-- DROP and ALTER TABLE ... DROP COLUMN destroy what only a restore brings back. When one is
-- intended, a `-- safe-sql-ignore destructive-ddl: <reason>` line above it says why.
ALTER TABLE customers DROP COLUMN email;

DROP TABLE IF EXISTS order_items;
