-- milestones_upcoming: one row per milestone not yet achieved, soonest forecast first.
-- "Now" is the milestone plan's as-at date, not the wall clock.
-- params: none
with as_at as (
    select max(as_at) as as_at from snapshots where table_name = 'milestones'
)

select
    m.milestone_id,
    m.name,
    m.baseline_date,
    coalesce(m.forecast_date, m.baseline_date) as forecast_date,
    date_diff('day', as_at.as_at, coalesce(m.forecast_date, m.baseline_date)) as days_to_go,
    m.illustrative
from milestones as m
cross join as_at
where m.actual_date is null
order by forecast_date nulls last, m.milestone_id
