-- expect: missing-where@2:17
PREPARE wipe AS DELETE FROM t;
