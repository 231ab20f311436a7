-- expect: destructive-ddl@3:1
-- expect-severity: destructive-ddl@3:1 error
DROP TABLE users;
