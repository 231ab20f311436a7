-- env: staging
-- expect: syntax-error@4:1
-- expect-severity: syntax-error@4:1 warning
SELEC 1;
