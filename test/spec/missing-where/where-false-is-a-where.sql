-- expect: none
DELETE FROM t WHERE false;
