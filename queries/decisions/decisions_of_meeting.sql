-- decisions_of_meeting: one row per outcome of one meeting (a group on a date), in the meeting's order: what
-- "Updates from PSG held 01 May 2024" lists. headline marks the lines the pack's "Programme Updates" prints for it;
-- state is 'recorded' (the meeting is on or before the view's as-at date) or 'on the agenda'.
-- params: $group (varchar; group code, any case), $meeting_date (date), $as_at (date; the view's as-at date)
select
    d.decision_id,
    d.group_code,
    d.group_name,
    d.meeting_date,
    d.meeting_title,
    d.kind,
    d.decided_by,
    d.refs,
    d.title,
    d.outcome,
    d.item_order,
    d.headline,
    case when d.meeting_date <= $as_at::date then 'recorded' else 'on the agenda' end as state
from decision_outcomes as d
where d.group_code = norm_id($group::varchar) and d.meeting_date = $meeting_date::date
order by d.item_order, d.decision_id
