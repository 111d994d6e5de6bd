-- last_meeting: at most one row: the last meeting of $group held before the data's as-at date (the newest
-- snapshot of the DIN log, CR register or action log).
-- params: $group (varchar; group code, e.g. 'DAG')
with as_at as (
    select max(as_at) as as_at from snapshots
    where table_name in ('din_log', 'change_requests', 'actions')
)

select
    m.meeting_date,
    m.group_code,
    m.title
from meetings as m
cross join as_at
where m.group_code = $group and m.meeting_date < as_at.as_at
order by m.meeting_date desc
limit 1
