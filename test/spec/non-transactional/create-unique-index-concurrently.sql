-- expect: non-transactional@2:1
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS u_idx ON users (email);
