-- expect: syntax-error@3:13
-- expect: missing-where@4:1
UPDATE t SET;
DELETE FROM t;
