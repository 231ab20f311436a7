-- expect: missing-where@2:1
update users set active = false;
