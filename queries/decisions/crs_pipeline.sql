-- crs_pipeline: one row per change-control stage in lifecycle order (every stage of the vocabulary, zero rows
-- kept, then any stage outside it), with the CRs in it and how long they have sat there at the register's
-- as-at date. Withdrawn and Rejected are flagged set_aside: they are not part of the pipeline.
-- params: $approval_statuses, $stages, $change_types, $decision_bodies (varchar[] each; empty = all)
with filtered as (
    select cr_ref, current_stage as stage, days_in_stage
    from crs_in_view($approval_statuses::varchar[], $stages::varchar[], $change_types::varchar[], $decision_bodies::varchar[])
),

counted as (
    select
        stage,
        count(*) as crs,
        string_agg(cr_ref, ', ' order by cr_ref) as cr_refs,
        max(days_in_stage) as max_days_in_stage,
        count(days_in_stage) as crs_dated
    from filtered
    group by stage
)

select
    coalesce(v.stage, c.stage, 'No stage') as stage,
    coalesce(v.stage_order, 99) as stage_order,
    coalesce(v.stage, c.stage) in ('Withdrawn', 'Rejected') as set_aside,
    coalesce(c.crs, 0) as crs,
    coalesce(c.cr_refs, '') as cr_refs,
    c.max_days_in_stage,
    coalesce(c.crs_dated, 0) as crs_dated
from cr_stages as v
full outer join counted as c on lower(c.stage) = lower(v.stage)
order by stage_order, stage
