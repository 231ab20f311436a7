-- SYNTAX TEST "source.sql" "safe-sql directives inside comments"
-- safe-sql: connection=prod-main
-- <-- punctuation.definition.comment.sql
-- ^^^^^^^^ keyword.control.directive.safe-sql
--           ^^^^^^^^^^ variable.parameter.directive.safe-sql
--                      ^^^^^^^^^ entity.name.connection.safe-sql

-- safe-sql: expect-rows 1..25
-- ^^^^^^^^ keyword.control.directive.safe-sql
--           ^^^^^^^^^^^ variable.parameter.directive.safe-sql
--                       ^ constant.numeric.integer.safe-sql
--                        ^^ keyword.operator.range.safe-sql
--                          ^^ constant.numeric.integer.safe-sql

-- safe-sql-ignore truncate: the staging copy is rebuilt nightly
-- ^^^^^^^^^^^^^^^ keyword.control.directive.safe-sql
--                 ^^^^^^^^ entity.name.tag.rule.safe-sql
--                         ^ punctuation.separator.key-value.safe-sql
--                           ^^^ string.unquoted.reason.safe-sql

-- an ordinary comment: safe-sql: connection=x
-- ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.double-dash.sql - keyword.control.directive.safe-sql

SELECT '-- safe-sql: connection=x';
--      ^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.sql - keyword.control.directive.safe-sql
