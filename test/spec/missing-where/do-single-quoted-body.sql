-- expect: missing-where@2:11
DO 'BEGIN DELETE FROM t; END';
