-- crs_totals: one row. CRs the CR page's filters keep, those open, awaiting a decision (at the stage
-- "Approval decision") and approved, and the register's as-at date (kept when no CR matches).
-- params: $approval_statuses, $stages, $change_types, $decision_bodies (varchar[] each; empty = all)
select
    count(*) as total,
    count(*) filter (where approval_status = 'Open') as open,
    count(*) filter (where current_stage = 'Approval decision') as awaiting_decision,
    count(*) filter (where approval_status = 'Approved') as approved,
    as_at_of('change_requests') as as_at
from crs_in_view($approval_statuses::varchar[], $stages::varchar[], $change_types::varchar[], $decision_bodies::varchar[])
