-- expect: syntax-error@2:1
SELEC * FROM t;
