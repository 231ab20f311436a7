-- expect: none
MERGE INTO invoices t USING staged s ON t.id = s.id WHEN NOT MATCHED BY SOURCE AND t.paid THEN DELETE;
