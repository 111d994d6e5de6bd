-- dq_decision_ref_unknown: one row per (decision, reference) naming no CR, milestone, risk, action or meeting
-- (meeting_ref, e.g. DAG35) in the tables as at the view's date: a typing slip, or a register not loaded yet.
-- params: none
with known as (
    select norm_id(cr_ref) as ref from change_requests
    union select norm_id(milestone_id) from milestones
    union select norm_id(risk_id) from risks
    union select norm_id(action_ref) from actions
    union select norm_id(meeting_ref) from meetings
),

named as (
    select d.decision_id, unnest(d.refs) as ref
    from decision_outcomes as d
)

select
    'decisions' as table_name,
    n.decision_id as row_key,
    'reference names nothing known' as problem,
    '"' || n.ref || '" is no CR, milestone, risk, action or meeting' as detail
from named as n
where n.ref not in (select ref from known where ref is not null)
order by n.decision_id, n.ref
