-- dq_decision_duplicate_ids: one row per decisions log row whose id is blank or appears more than once.
-- params: none
with counted as (
    select decision_id, title, count(*) over (partition by norm_id(decision_id)) as copies
    from decisions
)

select
    'decisions' as table_name,
    coalesce(norm_id(decision_id), '(blank)') as row_key,
    case when norm_id(decision_id) is null then 'blank id' else 'duplicate id' end as problem,
    coalesce(title, '') as detail
from counted
where norm_id(decision_id) is null or copies > 1
order by row_key
