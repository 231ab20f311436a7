-- expect: none
DELETE FROM t /* a /* b */ c */ WHERE id = 1;
