-- actions_totals: one row. Actions the action page's filters keep, open (not yet closed or recommended closed),
-- recommended closed and overdue at the log's as-at date, and that date (kept when no action matches).
-- params: $groups, $statuses, $owners (varchar[] each; empty = all)
select
    count(*) as total,
    count(*) filter (where state = 'open') as open,
    count(*) filter (where state = 'closing') as recommend_closed,
    count(*) filter (where overdue) as overdue,
    as_at_of('actions') as as_at
from actions_in_view($groups::varchar[], $statuses::varchar[], $owners::varchar[])
