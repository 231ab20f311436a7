-- expect: none
UPDATE users SET active = false WHERE id = 42;
