-- expect: syntax-error@2:11
SELECT 1; SELEC 2; DELETE FROM t WHERE id = 1;
