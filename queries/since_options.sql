-- since_options: one row per date a view can be compared with: every snapshot date of the registers before the
-- newest, and every meeting of $group held before the data's as-at date; newest first.
-- params: $group (varchar; group code whose meetings are offered, e.g. 'DAG')
with snaps as (
    select distinct as_at from snapshots
    where table_name in ('din_log', 'change_requests', 'actions', 'milestones', 'seats')
),

as_at as (
    select max(as_at) as as_at from snaps
),

meetings_held as (
    select m.meeting_date as since, string_agg(m.title, ', ' order by m.title) as title
    from meetings as m
    cross join as_at
    where m.group_code = $group and m.meeting_date < as_at.as_at
    group by m.meeting_date
),

snapshot_dates as (
    select s.as_at as since
    from snaps as s
    cross join as_at
    where s.as_at < as_at.as_at
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
