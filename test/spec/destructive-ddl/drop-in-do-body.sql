-- expect: destructive-ddl@2:13
DO $$ BEGIN DROP TABLE tmp_import; END $$;
