-- expect: unverifiable@2:1
SET LOCAL backslash_quote = on;
