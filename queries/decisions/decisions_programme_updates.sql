-- decisions_programme_updates: one row per headline line of each governance group's latest meeting on or before the
-- view's as-at date (the pack's "Programme Updates": PSG 01 May, SITAG 17 Apr, DAG 10 Apr ...). Groups by level
-- (PSG first), then in the programme's listing order (groups.list_order), then their latest meeting newest first;
-- lines in the meeting's order.
-- params: $as_at (date; the view's as-at date), $groups (varchar[]; group codes; empty = all)
with latest as (
    select group_code, max(meeting_date) as meeting_date
    from decision_outcomes
    where headline and meeting_date <= $as_at::date
    group by group_code
)

select
    d.group_code,
    d.group_name,
    d.meeting_date,
    d.meeting_title,
    d.decision_id,
    d.kind,
    d.decided_by,
    d.refs,
    d.title,
    d.outcome,
    d.item_order
from decision_outcomes as d
inner join latest as l on l.group_code = d.group_code and l.meeting_date = d.meeting_date
left join groups as g on norm_id(g.group_code) = d.group_code
where d.headline and allows($groups::varchar[], d.group_code)
order by d.group_level nulls last, g.list_order nulls last, d.meeting_date desc, d.group_code, d.item_order
