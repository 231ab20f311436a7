-- expect: none
CREATE TABLE widgets (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
CREATE INDEX widgets_name_idx ON widgets (name);
INSERT INTO widgets (name) VALUES ('a'), ('b');
UPDATE widgets SET name = upper(name) WHERE id > 0;
