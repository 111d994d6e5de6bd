-- dq_action_status_outside_vocabulary: one row per action whose status is none of the action log's statuses (or blank).
-- params: none
select
    'actions' as table_name,
    coalesce(action_ref, '(blank)') as row_key,
    'status outside the vocabulary' as problem,
    coalesce('"' || status || '"', 'blank status') as detail
from actions_now
where state = 'unknown'
order by row_key
