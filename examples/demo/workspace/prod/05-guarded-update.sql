-- A guarded run with expectations.
--
-- Customer {{GUARDED_CUSTOMER}} asked to close their account: cancel the orders that have not
-- shipped yet, then close the account. The directive on the line before each statement says how
-- many rows it must touch. Run the file guarded (Safe SQL: Run File Guarded): both statements run
-- in one transaction, the dialog shows the real row counts, and nothing is kept until you press
-- Commit. If a count differs from what the directive says, the run rolls back on its own and
-- tells you which statement differed and by how much.
--
-- After you commit it once, run it again: it now matches 0 rows, and the expectation rolls it back.
-- (`npm run demo -- --reset` puts the data back.)

-- safe-sql: expect-rows {{GUARDED_ROWS}}
UPDATE orders
SET status = 'cancelled', updated_at = now()
WHERE customer_id = {{GUARDED_CUSTOMER}}
  AND status IN ('pending', 'paid');

-- safe-sql: expect-rows 1
UPDATE customers
SET status = 'closed', marketing_opt_in = false
WHERE id = {{GUARDED_CUSTOMER}};
