-- The remaining rules: transaction-control and bad-directive (warnings), non-transactional and
-- syntax-error (errors on production).

-- transaction-control: a guarded run owns the transaction. A COMMIT in the text would make
-- everything before it permanent before anyone confirmed it.
BEGIN;
UPDATE orders SET status = 'shipped', shipped_at = now() WHERE id = 7;
COMMIT;

-- non-transactional: cannot run inside the guarded transaction, and cannot be rolled back.
-- It may only be run on its own (select just this line and run it guarded).
VACUUM ANALYZE orders;

-- bad-directive: a safe-sql-ignore without a reason lowers nothing.
-- safe-sql-ignore missing-where
DELETE FROM order_items;

-- syntax-error: what does not parse cannot be checked, so it is not allowed on production.
SELEC count(*) FROM orders;
