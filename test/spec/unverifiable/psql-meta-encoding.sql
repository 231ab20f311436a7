-- expect: unverifiable@2:1
\encoding SJIS
SELECT 1;
