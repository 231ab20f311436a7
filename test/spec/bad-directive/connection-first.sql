-- expect: none
-- safe-sql: connection=prod-main
SELECT 1;
