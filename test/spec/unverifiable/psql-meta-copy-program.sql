-- expect: unverifiable@2:1
\copy t to program 'gzip > t.gz'
SELECT 1;
