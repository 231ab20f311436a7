-- expect: always-true-where@2:13
DO $$ BEGIN UPDATE t SET a = 1 WHERE true; END $$;
