-- expect: none
DELETE FROM t WHERE -id = id;
