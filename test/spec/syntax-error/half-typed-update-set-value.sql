-- expect: syntax-error@3:29
SELECT * FROM users WHERE id = 1;
UPDATE users SET name = 'x' wh
