-- actions_by_owner: one row per action owner, with actions open, recommended closed, closed and overdue
-- at the log's as-at date; most open first.
-- params: $groups, $statuses, $owners (varchar[] each; empty = all)
select
    coalesce(owner, 'No owner') as owner,
    count(*) filter (where state = 'open') as open,
    count(*) filter (where state = 'closing') as recommend_closed,
    count(*) filter (where state = 'closed') as closed,
    count(*) filter (where state = 'unknown') as other,
    count(*) filter (where overdue) as overdue,
    count(*) as total
from actions_in_view($groups::varchar[], $statuses::varchar[], $owners::varchar[])
group by all
order by open desc, total desc, owner
