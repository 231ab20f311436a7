-- expect: missing-where@2:10
/* 🚀 */ UPDATE t SET a = 1;
