-- expect: syntax-error@2:20
UPDATE t SET a = 1 WHERE
