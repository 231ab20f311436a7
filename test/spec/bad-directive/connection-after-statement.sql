-- expect: bad-directive@3:1
SELECT 1;
-- safe-sql: connection=prod-main
SELECT 2;
