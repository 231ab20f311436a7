-- expect: missing-where@2:1
UPDATE t SET body = $$ WHERE id = 1 $$;
