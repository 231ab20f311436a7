-- expect: non-transactional@2:1
REINDEX DATABASE shop;
