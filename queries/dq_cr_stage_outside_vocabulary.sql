-- dq_cr_stage_outside_vocabulary: one row per change request whose current stage is not a change-control stage (or blank).
-- params: none
select
    'change_requests' as table_name,
    coalesce(c.cr_ref, '(blank)') as row_key,
    'stage outside the vocabulary' as problem,
    coalesce('"' || c.current_stage || '"', 'blank stage') as detail
from change_requests as c
left join cr_stages as s on lower(s.stage) = lower(norm_label(c.current_stage))
where s.stage is null
order by row_key
