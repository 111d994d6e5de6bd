-- actions_by_status: one row per action status present in the log, in the log's order (open first).
-- params: $groups (varchar[]; group codes), $statuses, $owners (varchar[] each); empty = all
select
    status,
    min(status_order) as status_order,
    count(*) as actions,
    count(*) filter (where overdue) as overdue
from actions_now
where
    (len($groups::varchar[]) = 0 or list_contains($groups::varchar[], group_code))
    and (len($statuses::varchar[]) = 0 or list_contains($statuses::varchar[], status))
    and (len($owners::varchar[]) = 0 or list_contains($owners::varchar[], owner))
group by status
order by status_order, status
