-- expect: unverifiable@5:5
DO $$
DECLARE tbl text := 'accounts';
BEGIN
    EXECUTE format('UPDATE %I SET a = 1', tbl);
END $$;
