-- expect: missing-where@2:1
DELETE /* every row */ FROM accounts;
