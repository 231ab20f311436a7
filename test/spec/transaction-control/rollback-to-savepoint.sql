-- expect: transaction-control@3:1
SAVEPOINT s;
ROLLBACK TO SAVEPOINT s;
