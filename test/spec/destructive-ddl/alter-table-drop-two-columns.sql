-- expect: destructive-ddl@2:1
ALTER TABLE users DROP COLUMN email, DROP COLUMN phone;
