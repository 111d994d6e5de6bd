-- cr_register: one row per change request, every column the pack prints, in reference order,
-- with the days it has sat in its stage at the register's as-at date (null where stage_since is unknown).
-- params: $approval_statuses, $stages, $change_types, $decision_bodies, $crs (varchar[] each; empty = all)
with as_at as (
    select max(as_at) as as_at from snapshots where table_name = 'change_requests'
)

select
    c.cr_ref,
    c.title,
    c.raisers,
    c.change_type,
    c.latest_action,
    norm_label(c.approval_status) as approval_status,
    norm_label(c.current_stage) as current_stage,
    coalesce(s.stage_order, 99) as stage_order,
    c.action_if_approved,
    c.implementation,
    c.owners,
    c.decision_body,
    c.stage_since,
    c.notes,
    date_diff('day', c.stage_since, as_at.as_at) as days_in_stage,
    as_at.as_at
from change_requests as c
cross join as_at
left join cr_stages as s on lower(s.stage) = lower(norm_label(c.current_stage))
where
    (len($approval_statuses::varchar[]) = 0 or list_contains($approval_statuses::varchar[], norm_label(c.approval_status)))
    and (len($stages::varchar[]) = 0 or list_contains($stages::varchar[], norm_label(c.current_stage)))
    and (len($change_types::varchar[]) = 0 or list_contains($change_types::varchar[], norm_label(c.change_type)))
    and (len($decision_bodies::varchar[]) = 0 or list_contains($decision_bodies::varchar[], norm_label(c.decision_body)))
    and (len($crs::varchar[]) = 0 or list_contains($crs::varchar[], c.cr_ref))
order by c.cr_ref
