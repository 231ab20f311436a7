-- expect: none
;
  ;;
