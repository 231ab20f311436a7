-- expect: none
DELETE FROM t WHERE deleted_at IS NULL;
