-- expect: missing-where@4:3


  DELETE FROM sessions;
