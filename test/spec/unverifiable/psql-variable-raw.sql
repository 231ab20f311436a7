-- expect: unverifiable@2:26
DELETE FROM t WHERE id = :id;
