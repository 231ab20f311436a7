-- expect: destructive-ddl@3:1
-- expect: non-transactional@3:1
DROP INDEX CONCURRENTLY users_email_idx;
