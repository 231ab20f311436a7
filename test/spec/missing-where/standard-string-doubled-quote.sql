-- expect: missing-where@2:1
UPDATE t SET a = 'it''s WHERE id = 1';
