-- expect: transaction-control@2:1
COMMIT PREPARED 'release-42';
