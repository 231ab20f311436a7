-- expect: missing-where@2:1
DELETE FROM t /* outer /* inner */ WHERE id = 1 */;
