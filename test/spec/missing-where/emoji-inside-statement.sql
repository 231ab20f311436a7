-- expect: missing-where@4:1
SELECT 1;
/*é*/DELETE FROM "tâble_🚀" WHERE note = '🚀';
UPDATE "tâble_🚀" SET a = '🚀' FROM "ü🚀" AS u;
