-- dq_cr_stage_unknown: one row per CR whose stage is missing, outside the change-control vocabulary, or a
-- variant spelling of a stage in it (the register and pipeline count such a CR apart).
-- params: none
select
    'change_requests' as table_name,
    coalesce(c.cr_ref, '(blank)') as row_key,
    case
        when c.current_stage is null then 'no stage'
        when c.stage_listed is null then 'stage outside the vocabulary'
        else 'variant spelling of a stage'
    end as problem,
    coalesce('"' || c.current_stage_raw || '"', 'empty') || coalesce(' (expected "' || c.stage_listed || '")', '') as detail
from crs as c
where c.stage_listed is null or c.stage_listed is distinct from c.current_stage_raw
order by row_key
