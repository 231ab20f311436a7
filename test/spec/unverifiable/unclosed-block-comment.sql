-- expect: unverifiable@2:29
DELETE FROM t WHERE id = 1; /* never closed
DELETE FROM t;
