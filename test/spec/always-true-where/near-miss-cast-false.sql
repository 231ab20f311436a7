-- expect: none
DELETE FROM t WHERE 'f'::boolean OR id = 3;
