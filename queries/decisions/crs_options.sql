-- crs_options: one row per (filter field, value) present in the CR register: approval_status, stage,
-- change_type, decision_body; stages in lifecycle order, the rest alphabetical.
-- params: none
with present as (
    select 'approval_status' as field, approval_status as value, 99 as value_order from crs
    union
    select 'stage', current_stage, stage_order from crs
    union
    select 'change_type', norm_label(change_type), 99 from crs
    union
    select 'decision_body', norm_label(decision_body), 99 from crs
)

select
    field,
    value
from present
where value is not null
order by field, value_order, value
