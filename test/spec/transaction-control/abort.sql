-- expect: transaction-control@2:1
ABORT;
