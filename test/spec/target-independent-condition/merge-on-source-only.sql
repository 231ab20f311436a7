-- expect: target-independent-condition@2:1
MERGE INTO stock t USING arrivals a ON a.qty > 0 WHEN MATCHED THEN DELETE;
