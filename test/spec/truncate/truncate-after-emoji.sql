-- expect: truncate@3:12
SELECT 1;
/* 🧹🧹 */ TRUNCATE t;
