-- expect: always-true-where@2:1
MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE;
