-- expect: missing-where@2:1
UPDATE users SET note = 'WHERE id = 42';
