-- expect: always-true-where@2:1
DELETE FROM t WHERE id IN (SELECT id FROM public.t);
