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
from actions_now
where
    (len($groups::varchar[]) = 0 or list_contains($groups::varchar[], group_code))
    and (len($statuses::varchar[]) = 0 or list_contains($statuses::varchar[], status))
    and (len($owners::varchar[]) = 0 or list_contains($owners::varchar[], owner))
group by all
order by open desc, total desc, owner
