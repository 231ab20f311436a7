-- expect: destructive-ddl@2:1
DROP INDEX users_email_idx;
