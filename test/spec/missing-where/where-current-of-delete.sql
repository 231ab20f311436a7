-- expect: none
DELETE FROM t WHERE CURRENT OF c;
