-- env: staging
-- expect: destructive-ddl@4:1
-- expect-severity: destructive-ddl@4:1 warning
DROP TABLE users;
