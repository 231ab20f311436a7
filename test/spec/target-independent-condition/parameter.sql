-- expect: target-independent-condition@2:23
PREPARE p(boolean) AS DELETE FROM invoices WHERE $1;
