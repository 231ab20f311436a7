-- expect: missing-where@3:1
-- expect: unverifiable@3:13
DELETE FROM :tbl;
