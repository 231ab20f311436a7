-- expect: none
SET search_path TO app, public;
SHOW work_mem;
