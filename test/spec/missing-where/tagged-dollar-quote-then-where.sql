-- expect: none
UPDATE t SET body = $x$ a $$ b $x$ WHERE id = 1;
