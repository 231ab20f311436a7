-- expect: non-rollback-effect@2:1
-- expect: non-transactional@2:1
ALTER SYSTEM SET work_mem = '64MB';
