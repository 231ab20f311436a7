-- expect: none
-- safe-sql: expect-rows 1..10
UPDATE t SET a = 1 WHERE id < 10;
