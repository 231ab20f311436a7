-- Rule: missing-where (an error on production).
--
-- This folder is bound to the connection prod-shop, which is tagged production. An UPDATE or
-- DELETE without WHERE touches every row of the table, so Safe SQL marks it as an error while you
-- type, and a guarded run (Ctrl+Enter) refuses it before it even connects.
--
-- Try: put the cursor on the UPDATE, open the quick fixes (Ctrl+.) and pick "Add WHERE clause".

UPDATE customers SET marketing_opt_in = false;

DELETE FROM order_items;

-- With a WHERE, the same statement is fine:
UPDATE customers SET marketing_opt_in = false WHERE id = 42;
