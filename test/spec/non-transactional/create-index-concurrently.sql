-- expect: non-transactional@2:1
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
