-- expect: unverifiable@2:8
SELECT set_config('standard_conforming_strings', 'off', false);
