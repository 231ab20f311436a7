-- expect: none
DELETE FROM t WHERE note = 'true' AND id = 1;
