-- expect: transaction-control@2:1
COMMIT AND CHAIN;
