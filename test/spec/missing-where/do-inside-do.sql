-- expect: missing-where@2:27
DO $a$ BEGIN DO $b$ BEGIN DELETE FROM t; END $b$; END $a$;
