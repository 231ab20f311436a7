-- expect: destructive-ddl@3:1
-- expect-severity: destructive-ddl@3:1 warning
DROP TABLE users;
