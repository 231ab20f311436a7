-- expect: syntax-error@2:8
DELETE FROM
