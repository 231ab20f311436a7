-- expect: non-transactional@2:1
alter system reset all;
