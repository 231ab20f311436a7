-- expect: none
SELECT 'DROP TABLE users';
