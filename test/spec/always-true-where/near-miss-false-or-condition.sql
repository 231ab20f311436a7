-- expect: none
DELETE FROM t WHERE false OR id = 5;
