-- expect: transaction-control@2:1
PREPARE TRANSACTION 'release-42';
