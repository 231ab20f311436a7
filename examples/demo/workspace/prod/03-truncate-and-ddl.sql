-- Rules: truncate (an error on production) and destructive-ddl (a warning everywhere).
--
-- TRUNCATE empties whole tables at once and fires no DELETE triggers; with CASCADE it also empties
-- every table that references them.

TRUNCATE order_items;

TRUNCATE customers CASCADE;

-- DROP and ALTER TABLE ... DROP COLUMN destroy what only a restore brings back. They are often
-- intended, in migrations, so they are warnings, not errors.
ALTER TABLE customers DROP COLUMN email;

DROP TABLE IF EXISTS order_items;
