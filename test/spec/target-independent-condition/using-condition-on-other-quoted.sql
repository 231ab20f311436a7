-- expect: target-independent-condition@2:1
DELETE FROM invoices USING customers AS "C" WHERE "C".id = 7 AND "C".active;
