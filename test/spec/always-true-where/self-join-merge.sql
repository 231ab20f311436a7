-- expect: always-true-where@2:1
MERGE INTO invoices t USING invoices s ON t.id = s.id WHEN MATCHED THEN DELETE;
