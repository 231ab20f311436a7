-- expect: none
SELECT 'BEGIN; COMMIT;';
