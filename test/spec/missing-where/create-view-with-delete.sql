-- expect: missing-where@2:29
CREATE VIEW v AS WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d;
