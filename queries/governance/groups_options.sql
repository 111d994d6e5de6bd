-- groups_options: one row per governance group, by level then code.
-- params: none
select group_code, name, level
from groups
order by level, group_code
