-- expect: transaction-control@2:8
/*✓✓*/ BEGIN;
