-- expect: unverifiable@2:1
SET standard_conforming_strings = off;
