-- A clean-up script as it was first written. Run `safe-sql check examples/dangerous.sql`
-- to see what it would do to a production database.

-- Deactivate the account of the customer who asked.
UPDATE accounts SET active = false;

-- Send the welcome mail again, but only to this week's sign-ups.
UPDATE users SET welcome_sent = false WHERE 1 = 1;

-- Log everyone out.
DELETE FROM sessions
RETURNING user_id;

TRUNCATE audit_events;

-- safe-sql-ignore missing-where: app_settings holds exactly one row, by design
UPDATE app_settings SET maintenance = true;

-- safe-sql: expect-rows 1
DELETE FROM users WHERE id = 42;

ALTER TABLE orders DROP COLUMN legacy_notes;

DO $$
BEGIN
  EXECUTE 'DELETE FROM ' || 'tmp_import';
END
$$;
