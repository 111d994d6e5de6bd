-- actions_totals: one row. Actions in the log, open (not yet closed or recommended closed) and overdue
-- at the log's as-at date.
-- params: $groups (varchar[]; group codes; empty = all)
select
    count(*) as total,
    count(*) filter (where state = 'open') as open,
    count(*) filter (where state = 'closing') as recommend_closed,
    count(*) filter (where overdue) as overdue,
    max(as_at) as as_at
from actions_now
where allows($groups::varchar[], group_code)
