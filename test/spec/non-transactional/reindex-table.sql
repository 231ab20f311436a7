-- expect: none
REINDEX TABLE users;
