-- expect: unverifiable@2:1
DO LANGUAGE plpython3u $$ plpy.execute("DELETE FROM t WHERE id = 1") $$;
