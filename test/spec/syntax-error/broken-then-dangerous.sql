-- expect: syntax-error@3:1
-- expect: missing-where@4:1
SELEC * FROM t;
DELETE FROM t;
