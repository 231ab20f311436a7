-- expect: truncate@3:1
-- expect: missing-where@4:1
TRUNCATE a;
DELETE FROM b;
