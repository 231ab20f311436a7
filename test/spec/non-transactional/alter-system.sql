-- expect: non-rollback-effect@3:1
-- expect: non-transactional@3:1
ALTER SYSTEM SET work_mem = '64MB';
