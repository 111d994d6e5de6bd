-- cr_by_stage: one row per change-control stage present in the register, in lifecycle order.
-- params: none
select
    norm_label(c.current_stage) as stage,
    coalesce(min(s.stage_order), 99) as stage_order,
    count(*) as crs
from change_requests as c
left join cr_stages as s on lower(s.stage) = lower(norm_label(c.current_stage))
group by all
order by stage_order, stage
