-- expect: always-true-where@2:1
DELETE FROM public.invoices WHERE public.invoices.id = id;
