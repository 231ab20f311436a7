-- expect: destructive-ddl@2:1
drop table if exists users, sessions cascade;
