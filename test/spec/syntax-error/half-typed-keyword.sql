-- expect: syntax-error@2:1
DELET
