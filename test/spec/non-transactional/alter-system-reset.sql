-- expect: non-rollback-effect@2:1
-- expect: non-transactional@2:1
alter system reset all;
