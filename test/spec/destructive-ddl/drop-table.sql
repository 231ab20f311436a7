-- expect: destructive-ddl@2:1
DROP TABLE users;
