-- expect: syntax-error@2:10
UPDATE t SET
