-- expect: none
PREPARE upd(int) AS UPDATE t SET a = $1 WHERE id = $1;
