-- expect: transaction-control@3:1
-- expect: transaction-control@5:1
BEGIN;
UPDATE t SET a = 1 WHERE id = 1;
COMMIT;
