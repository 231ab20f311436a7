-- expect: non-transactional@2:1
CREATE TABLESPACE fast LOCATION '/ssd';
