-- dq_action_duplicate_refs: one row per action log row whose reference is blank or appears more than once.
-- params: none
with counted as (
    select action_ref, action, count(*) over (partition by action_ref) as copies
    from actions
)

select
    'actions' as table_name,
    coalesce(action_ref, '(blank)') as row_key,
    case when action_ref is null then 'blank reference' else 'duplicate reference' end as problem,
    coalesce(action, '') as detail
from counted
where action_ref is null or copies > 1
order by row_key
