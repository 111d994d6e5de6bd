-- actions_owners: one row per owner named in the action log (of the chosen groups), alphabetical.
-- params: $groups (varchar[]; group codes; empty = all)
select distinct owner
from actions_now
where
    owner is not null
    and allows($groups::varchar[], group_code)
order by owner
