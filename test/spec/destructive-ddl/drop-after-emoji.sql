-- expect: destructive-ddl@2:11
/* 🗑️ */ DROP TABLE old_orders;
