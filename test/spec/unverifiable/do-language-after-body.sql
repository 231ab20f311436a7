-- expect: unverifiable@2:1
DO $$ plpy.execute("SELECT 1") $$ LANGUAGE plpython3u;
