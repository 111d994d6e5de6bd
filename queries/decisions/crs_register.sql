-- crs_register: one row per change request, every column the pack prints, in reference order,
-- with the days it has sat in its stage at the register's as-at date (null where stage_since is unknown).
-- params: $approval_statuses, $stages, $change_types, $decision_bodies, $crs (varchar[] each; empty = all)
select
    cr_ref,
    title,
    raisers,
    change_type,
    latest_action,
    approval_status,
    current_stage,
    stage_order,
    action_if_approved,
    implementation,
    owners,
    decision_body,
    stage_since,
    notes,
    days_in_stage,
    as_at
from crs_in_view($approval_statuses::varchar[], $stages::varchar[], $change_types::varchar[], $decision_bodies::varchar[])
where allows($crs::varchar[], cr_ref)
order by cr_ref
