-- expect: missing-where@2:1
DELETE FROM users /* WHERE id = 42 */;
