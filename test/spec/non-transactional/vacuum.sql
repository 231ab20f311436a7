-- expect: non-transactional@2:1
VACUUM;
