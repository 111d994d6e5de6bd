-- milestones_slippage: one row per (milestone, plan snapshot): its dates in that snapshot and how far they moved.
-- params: $milestones (varchar[]; empty = all)
--
-- expected_date = actual_date if achieved, else forecast_date, else baseline_date (as in milestones_plan).
-- slip_baseline_days : expected_date - baseline_date in the same snapshot (positive = later).
-- slip_previous_days : expected_date - expected_date in the milestone's previous snapshot (null in its first).
with snapshots as (
    select
        h.as_at,
        h.milestone_id,
        h.name,
        h.baseline_date,
        h.forecast_date,
        h.actual_date,
        h.expected_date,
        coalesce(h.illustrative, false) as illustrative,
        h.source,
        h.milestone_order
    from dated_milestones('milestones_history') as h
    where allows($milestones::varchar[], h.milestone_id)
),

moved as (
    select
        s.*,
        lag(s.expected_date) over (partition by s.milestone_id order by s.as_at) as previous_expected_date
    from snapshots as s
)

select
    m.milestone_id,
    m.as_at,
    m.name,
    m.baseline_date,
    m.forecast_date,
    m.actual_date,
    m.expected_date,
    date_diff('day', m.baseline_date, m.expected_date) as slip_baseline_days,
    m.previous_expected_date,
    date_diff('day', m.previous_expected_date, m.expected_date) as slip_previous_days,
    m.illustrative,
    m.source
from moved as m
order by m.milestone_order, m.milestone_id, m.as_at
