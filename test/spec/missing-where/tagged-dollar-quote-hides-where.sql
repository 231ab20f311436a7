-- expect: missing-where@2:1
UPDATE t SET body = $x$ $$ WHERE id = 1; $$ $x$;
