-- milestones_upcoming: one row per milestone not yet achieved, soonest forecast first.
-- "Now" is the view's as-at date ($as_at: the pack's, chair mode's, the page's), never the wall clock; the plan
-- read is its newest snapshot on or before it.
-- params: $as_at (date; days_to_go is counted from it)
select
    m.milestone_id,
    m.name,
    m.baseline_date,
    m.expected_date as forecast_date,
    date_diff('day', $as_at::date, m.expected_date) as days_to_go,
    m.illustrative
from dated_milestones('milestones') as m
where m.actual_date is null
order by forecast_date nulls last, m.milestone_id
