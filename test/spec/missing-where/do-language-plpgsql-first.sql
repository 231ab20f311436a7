-- expect: missing-where@2:30
DO LANGUAGE plpgsql $$ BEGIN DELETE FROM t; END $$;
