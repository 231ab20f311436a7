-- expect: transaction-control@2:1
begin work;
