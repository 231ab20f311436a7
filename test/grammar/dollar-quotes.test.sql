-- SYNTAX TEST "source.sql" "PostgreSQL dollar-quoted strings"
DO $body$ BEGIN UPDATE t SET a = 1; END $body$;
-- ^^^^^^ punctuation.definition.string.begin.sql
--        ^^^^^ string.quoted.dollar.sql
--                                      ^^^^^^ punctuation.definition.string.end.sql
--                                            ^ - string.quoted.dollar.sql

SELECT $$ it's fine $x$ still inside $$;
--     ^^ punctuation.definition.string.begin.sql
--        ^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.dollar.sql
--                                   ^^ punctuation.definition.string.end.sql

SELECT $1, $2;
--     ^^ - string.quoted.dollar.sql
