-- expect: missing-where@2:41
CREATE RULE r AS ON INSERT TO t DO ALSO DELETE FROM u;
