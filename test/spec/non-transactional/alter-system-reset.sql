-- expect: non-rollback-effect@3:1
-- expect: non-transactional@3:1
alter system reset all;
