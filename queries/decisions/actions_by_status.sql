-- actions_by_status: one row per action status present in the log, in the log's order (open first).
-- params: $groups (varchar[]; group codes), $statuses, $owners (varchar[] each); empty = all
select
    status,
    min(status_order) as status_order,
    count(*) as actions,
    count(*) filter (where overdue) as overdue
from actions_in_view($groups::varchar[], $statuses::varchar[], $owners::varchar[])
group by status
order by status_order, status
