-- expect: none
INSERT INTO t (id, a) VALUES (1, 2) ON CONFLICT DO NOTHING;
