-- The 8,000 emails.
--
-- Marketing asked for a spring win-back mail to the customers in Iceland who opted in to
-- marketing: {{WINBACK_ICELAND}} people. The mailer sends to every customer whose campaign is set.
--
-- While the query was tried out on a development copy, the country filter was commented out to
-- see more rows. Nobody put it back, and the file went to production as it is below.
--
-- No rule fires: there is a WHERE, and it does filter. A linter cannot know what you meant. Only
-- the row count can tell, and only if someone sees it before COMMIT.
--
-- Run it guarded (Ctrl+Enter with the cursor in the statement). The dialog says {{WINBACK_ALL}}
-- rows, not {{WINBACK_ICELAND}}. That is above this connection's maxAffectedRows (1,000), so
-- Commit asks you to type the exact number: a moment to stop. Roll back.
--
-- Then make the intent executable: put back the filter, and add the line
--     -- safe-sql: expect-rows 50..120
-- right above the UPDATE. Had it been there from the start, the run would have rolled back on its
-- own, saying the statement touched {{WINBACK_ALL}} rows where 50..120 were expected.

UPDATE customers
SET campaign = 'spring-winback'
WHERE marketing_opt_in
  -- AND country = 'IS'
  AND campaign IS NULL;
