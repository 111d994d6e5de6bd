-- decisions_item: one row for the decision asked for by id (none when there is no such id), with its state at the
-- view's as-at date ('recorded' or 'on the agenda').
-- params: $decision (varchar; decision id, any case), $as_at (date; the view's as-at date)
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
where d.decision_id = norm_id($decision::varchar)
order by d.decision_id
