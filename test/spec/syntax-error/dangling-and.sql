-- expect: syntax-error@2:35
DELETE FROM users WHERE id = 1 AND;
