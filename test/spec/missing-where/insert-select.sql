-- expect: none
INSERT INTO archive SELECT * FROM t;
