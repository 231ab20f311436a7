-- expect: none
SHOW standard_conforming_strings;
SELECT current_setting('client_encoding');
SET search_path = public;
