-- expect: missing-where@2:1
UPDATE users SET active = false;
