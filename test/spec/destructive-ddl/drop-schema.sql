-- expect: destructive-ddl@2:1
DROP SCHEMA billing CASCADE;
