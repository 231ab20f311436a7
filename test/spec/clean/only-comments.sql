-- expect: none
-- just notes
/* DELETE FROM users; */
/* nested /* DELETE FROM t; */ still a comment */
