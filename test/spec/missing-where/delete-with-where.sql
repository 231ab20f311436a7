-- expect: none
DELETE FROM users WHERE id = 42;
