-- Password literals and what redactSecrets makes of them: each case is its input, then the text
-- that must come out. Read by redact.test.ts.

-- case: ALTER ROLE
ALTER ROLE app PASSWORD 's3cr3t-value';
-- becomes:
ALTER ROLE app PASSWORD '***';

-- case: a doubled quote inside
ALTER ROLE app PASSWORD 'it''s-secret';
-- becomes:
ALTER ROLE app PASSWORD '***';

-- case: CREATE USER … ENCRYPTED, VALID UNTIL kept
CREATE USER u WITH ENCRYPTED PASSWORD E'x\'y-secret' VALID UNTIL '2030-01-01';
-- becomes:
CREATE USER u WITH ENCRYPTED PASSWORD '***' VALID UNTIL '2030-01-01';

-- case: a dollar-quoted password
ALTER USER u PASSWORD $q$dollar-secret$q$
-- becomes:
ALTER USER u PASSWORD '***'

-- case: USER MAPPING options
CREATE USER MAPPING FOR u SERVER s OPTIONS (user 'alice', password 'pw-secret-1');
-- becomes:
CREATE USER MAPPING FOR u SERVER s OPTIONS (user 'alice', password '***');

-- case: ALTER USER MAPPING SET
ALTER USER MAPPING FOR u SERVER s OPTIONS (SET password 'pw-secret-2');
-- becomes:
ALTER USER MAPPING FOR u SERVER s OPTIONS (SET password '***');

-- case: SUBSCRIPTION CONNECTION
CREATE SUBSCRIPTION sub CONNECTION 'host=x password=pw-secret-3' PUBLICATION p;
-- becomes:
CREATE SUBSCRIPTION sub CONNECTION '***' PUBLICATION p;

-- case: ALTER SUBSCRIPTION CONNECTION
ALTER SUBSCRIPTION sub CONNECTION 'host=x password=pw-secret-4';
-- becomes:
ALTER SUBSCRIPTION sub CONNECTION '***';

-- case: dblink_exec
SELECT dblink_exec('host=x password=pw-secret-5', 'delete from t');
-- becomes:
SELECT dblink_exec('***', 'delete from t');

-- case: dblink_connect, second argument
SELECT dblink_connect('c', 'postgresql://u:pw-secret-6@h/db');
-- becomes:
SELECT dblink_connect('c', '***');

-- case: non-ASCII before the literal
/* é */ ALTER ROLE app PASSWORD 'pw-secret-7';
-- becomes:
/* é */ ALTER ROLE app PASSWORD '***';

-- case: the second of several statements
SELECT 'password';
ALTER ROLE app PASSWORD 'pw-secret-8';
-- becomes:
SELECT 'password';
ALTER ROLE app PASSWORD '***';
