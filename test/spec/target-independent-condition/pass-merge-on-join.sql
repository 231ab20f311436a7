-- expect: none
MERGE INTO stock t USING arrivals a ON a.sku = t.sku WHEN MATCHED THEN DELETE;
