-- expect: none
MERGE INTO invoices t USING staged s ON true WHEN NOT MATCHED THEN INSERT VALUES (s.id);
