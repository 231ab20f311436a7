-- expect: bad-directive@3:1
SELECT 1;
-- safe-sql: frobnicate=yes
SELECT 2;
