-- expect: missing-where@2:1
DO 'BEGIN UPDATE t SET a = ''x''; END';
