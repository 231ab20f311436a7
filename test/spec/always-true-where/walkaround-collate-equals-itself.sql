-- expect: always-true-where@2:1
DELETE FROM t WHERE a = a COLLATE "C";
