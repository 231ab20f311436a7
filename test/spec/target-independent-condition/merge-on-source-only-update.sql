-- expect: target-independent-condition@2:1
MERGE INTO stock USING arrivals a ON a.qty > 0 AND a.sku = 'x' WHEN MATCHED THEN UPDATE SET qty = 0;
