-- expect: none
SELECT * FROM users WHERE id = 1;
INSERT INTO audit (note) VALUES ('DELETE FROM users');
WITH x AS (SELECT 1) SELECT * FROM x;
