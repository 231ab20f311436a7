-- expect: truncate@2:1
truncate only t restart identity;
