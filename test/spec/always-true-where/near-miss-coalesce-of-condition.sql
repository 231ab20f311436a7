-- expect: none
DELETE FROM t WHERE coalesce(a = 1, true);
