-- expect: always-true-where@2:1
DELETE FROM public.t AS x WHERE EXISTS (SELECT FROM public.t y WHERE true AND x.id = y.id);
