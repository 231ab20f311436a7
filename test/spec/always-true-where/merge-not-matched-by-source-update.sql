-- expect: always-true-where@2:1
MERGE INTO invoices t USING staged s ON t.id = s.id WHEN MATCHED THEN UPDATE SET paid = s.paid WHEN NOT MATCHED BY SOURCE THEN UPDATE SET paid = false;
