-- milestones_plan: one row per milestone in the newest plan, with its status and slippage, in date order.
-- params: none
--
-- "Now" is the plan's as-at date (as_at_of('milestones')), never the wall clock.
-- expected_date = actual_date if achieved, else forecast_date, else baseline_date.
-- baseline_date is the baseline as the plan states it (the embedded data keeps the CR022 baseline after CR055).
-- Status, first rule that holds:
--   achieved : actual_date is set. outcome: early (actual < baseline), on time (actual = baseline),
--              late (actual > baseline), null when there is no baseline.
--   missed   : no actual_date, and the baseline or the forecast date is before the as-at date.
--   at risk  : no actual_date, and the forecast date is later than the baseline date.
--   on track : no actual_date, and a baseline or forecast date (forecast on or before the baseline, or one absent).
--   no date  : no actual, baseline or forecast date at all.
-- status_text: the status with its outcome, led by an icon (✔ achieved, ● on track, ▲ at risk, ✖ missed, ? no date).
-- slip_baseline_days : expected_date - baseline_date (positive = later than the baseline; null without a baseline).
-- slip_previous_days : expected_date - the expected date in the snapshot before this one (null when the
--                      milestone is not in that snapshot, or there is none).
with previous as (
    select h.milestone_id, h.as_at, h.expected_date
    from dated_milestones('milestones_history') as h
    where h.as_at = previous_as_at_of('milestones')
),

dated as (
    select
        m.milestone_id,
        m.name,
        m.baseline_date,
        m.forecast_date,
        m.actual_date,
        m.expected_date,
        coalesce(m.illustrative, false) as illustrative,
        m.source,
        m.milestone_order,
        as_at_of('milestones') as as_at
    from dated_milestones('milestones') as m
),

judged as (
    select
        d.*,
        case
            when d.actual_date is not null then 'achieved'
            when d.baseline_date < d.as_at or d.forecast_date < d.as_at then 'missed'
            when d.forecast_date > d.baseline_date then 'at risk'
            when d.baseline_date is not null or d.forecast_date is not null then 'on track'
            else 'no date'
        end as status,
        case
            when d.actual_date is null or d.baseline_date is null then null
            when d.actual_date < d.baseline_date then 'early'
            when d.actual_date = d.baseline_date then 'on time'
            else 'late'
        end as outcome
    from dated as d
)

select
    j.milestone_id,
    j.name,
    j.baseline_date,
    j.forecast_date,
    j.actual_date,
    j.expected_date,
    j.status,
    j.outcome,
    case j.status
        when 'achieved' then '✔'
        when 'on track' then '●'
        when 'at risk' then '▲'
        when 'missed' then '✖'
        else '?'
    end || ' ' || j.status || coalesce(' (' || j.outcome || ')', '') as status_text,
    date_diff('day', j.baseline_date, j.expected_date) as slip_baseline_days,
    pr.expected_date as previous_expected_date,
    date_diff('day', pr.expected_date, j.expected_date) as slip_previous_days,
    j.illustrative,
    j.source,
    j.as_at,
    previous_as_at_of('milestones') as previous_as_at,
    j.milestone_order
from judged as j
left join previous as pr on pr.milestone_id = j.milestone_id
order by j.milestone_order, j.milestone_id
