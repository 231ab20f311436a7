-- expect: unverifiable@2:1
SET NAMES 'SJIS';
