-- expect: none

