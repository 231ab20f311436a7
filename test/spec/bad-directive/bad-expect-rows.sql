-- expect: bad-directive@2:1
-- safe-sql: expect-rows lots
UPDATE t SET a = 1 WHERE id < 10;
