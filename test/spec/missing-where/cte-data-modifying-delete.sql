-- expect: missing-where@2:15
WITH gone AS (DELETE FROM t RETURNING *) SELECT count(*) FROM gone;
