-- expect: none
SAVEPOINT before_fix;
RELEASE SAVEPOINT before_fix;
