-- expect: none
CREATE TABLE IF NOT EXISTS audit (id bigint PRIMARY KEY, note text);
