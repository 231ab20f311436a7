-- expect: syntax-error@2:20
DELETE FROM t WHERE;
