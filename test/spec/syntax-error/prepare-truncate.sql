-- expect: syntax-error@2:14
PREPARE p AS TRUNCATE t;
