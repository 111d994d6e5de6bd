-- dq_cr_stage_unknown: one row per CR whose stage is missing, outside the change-control vocabulary, or a
-- variant spelling of a stage in it (the register and pipeline count such a CR apart).
-- params: none
select
    'change_requests' as table_name,
    coalesce(c.cr_ref, '(blank)') as row_key,
    case
        when norm_label(c.current_stage) is null then 'no stage'
        when s.stage is null then 'stage outside the vocabulary'
        else 'variant spelling of a stage'
    end as problem,
    coalesce('"' || c.current_stage || '"', 'empty') || coalesce(' (expected "' || s.stage || '")', '') as detail
from change_requests as c
left join cr_stages as s on lower(s.stage) = lower(norm_label(c.current_stage))
where s.stage is null or s.stage is distinct from c.current_stage
order by row_key
