-- changes_since_options: one row per date a view can be compared with, all before the view's as-at date: every snapshot
-- date of the registers, and every meeting of $group held before it; newest first.
-- params: $group (varchar; group code whose meetings are offered, e.g. 'DAG'), $as_at (date; the view's as-at date)
with meetings_held as (
    select m.meeting_date as since, string_agg(m.title, ', ' order by m.title) as title
    from meetings as m
    where m.group_code = $group and m.meeting_date < $as_at::date
    group by m.meeting_date
),

snapshot_dates as (
    select distinct s.as_at as since
    from snapshots as s
    where
        s.table_name in ('din_log', 'change_requests', 'actions', 'milestones', 'seats')
        and s.as_at < $as_at::date
),

dates as (
    select since from meetings_held
    union
    select since from snapshot_dates
)

select
    d.since,
    m.title as meeting,
    s.since is not null as snapshot
from dates as d
left join meetings_held as m on m.since = d.since
left join snapshot_dates as s on s.since = d.since
order by d.since desc
