-- expect: none
MERGE INTO stock t USING arrivals a ON a.qty > 0 WHEN NOT MATCHED THEN INSERT VALUES (a.sku, a.qty);
