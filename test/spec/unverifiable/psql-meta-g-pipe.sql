-- expect: unverifiable@2:10
SELECT 1 \g | sh
