-- cr_options: one row per (filter field, value) present in the CR register: approval_status, stage,
-- change_type, decision_body; stages in lifecycle order, the rest alphabetical.
-- params: none
with present as (
    select 'approval_status' as field, norm_label(approval_status) as value from change_requests
    union
    select 'stage', norm_label(current_stage) from change_requests
    union
    select 'change_type', norm_label(change_type) from change_requests
    union
    select 'decision_body', norm_label(decision_body) from change_requests
)

select
    p.field,
    p.value
from present as p
left join cr_stages as s on p.field = 'stage' and lower(s.stage) = lower(p.value)
where p.value is not null
order by p.field, coalesce(s.stage_order, 99), p.value
