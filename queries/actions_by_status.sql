-- actions_by_status: one row per action status present in the log, in the log's order (open first).
-- params: $groups (varchar[]; group codes; empty = all)
select
    status,
    min(status_order) as status_order,
    count(*) as actions
from actions_now
where len($groups::varchar[]) = 0 or list_contains($groups::varchar[], group_code)
group by status
order by status_order, status
