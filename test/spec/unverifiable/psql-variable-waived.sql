-- expect: unverifiable@4:26
-- expect-severity: unverifiable@4:26 warning
-- safe-sql-ignore unverifiable: id is set with \set id 7 above
DELETE FROM t WHERE id = :id;
