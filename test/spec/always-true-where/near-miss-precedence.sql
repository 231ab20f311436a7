-- expect: none
DELETE FROM invoices WHERE id IS NOT NULL OR id IS NULL AND paid;
