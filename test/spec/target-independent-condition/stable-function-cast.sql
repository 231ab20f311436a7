-- expect: target-independent-condition@2:1
DELETE FROM invoices WHERE current_setting('app.purge')::boolean;
