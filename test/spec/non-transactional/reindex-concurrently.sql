-- expect: non-transactional@2:1
REINDEX INDEX CONCURRENTLY users_email_idx;
