-- crs_by_stage: one row per change-control stage present in the register, in lifecycle order.
-- params: none
select
    current_stage as stage,
    min(stage_order) as stage_order,
    count(*) as crs
from crs
group by current_stage
order by stage_order, stage
