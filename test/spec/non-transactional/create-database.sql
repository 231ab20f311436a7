-- expect: non-transactional@2:1
CREATE DATABASE shop_copy TEMPLATE shop;
