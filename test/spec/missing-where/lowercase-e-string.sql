-- expect: missing-where@2:1
update t set a = e'\' where id = 1';
