-- expect: destructive-ddl@3:1
-- expect: destructive-ddl@4:1
DROP VIEW active_users;
DROP FUNCTION wipe();
