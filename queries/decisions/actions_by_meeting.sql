-- actions_by_meeting: one row per meeting that raised actions (DAG34, DAG35, ...), in meeting order, with the
-- actions raised there by state, and the meeting's date where the meetings log names it ("DAG #35").
-- params: $groups, $statuses, $owners (varchar[] each; empty = all)
with filtered as (
    select
        group_code,
        meeting,
        state,
        overdue,
        try_cast(regexp_extract(meeting, '(\d+)$', 1) as integer) as meeting_no
    from actions_in_view($groups::varchar[], $statuses::varchar[], $owners::varchar[])
),

counted as (
    select
        group_code,
        meeting,
        meeting_no,
        count(*) as raised,
        count(*) filter (where state = 'open') as open,
        count(*) filter (where state = 'closing') as recommend_closed,
        count(*) filter (where state = 'closed') as closed,
        count(*) filter (where overdue) as overdue
    from filtered
    group by all
),

dated as (
    select
        group_code,
        try_cast(regexp_extract(title, '#\s*(\d+)$', 1) as integer) as meeting_no,
        min(meeting_date) as meeting_date
    from meetings
    group by all
)

select
    c.group_code,
    c.meeting,
    d.meeting_date,
    c.raised,
    c.open,
    c.recommend_closed,
    c.closed,
    c.overdue
from counted as c
left join dated as d on d.group_code = c.group_code and d.meeting_no = c.meeting_no
order by c.group_code, c.meeting_no nulls last, c.meeting
