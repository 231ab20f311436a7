-- expect: unverifiable@2:1
RESET client_encoding;
