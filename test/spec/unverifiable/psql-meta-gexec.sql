-- expect: unverifiable@2:42
SELECT format('DELETE FROM %I', relname) \gexec
