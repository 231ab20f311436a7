-- expect: unverifiable@2:4
DO $$ BEGIN DELETE FROM t WHERE id = 1; END;
