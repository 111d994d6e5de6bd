-- dq_checklist_duplicate_ids: one row per participant checklist row whose id is blank or appears more than once.
-- params: none
with counted as (
    select item_id, title, count(*) over (partition by norm_id(item_id)) as copies
    from checklist
)

select
    'checklist' as table_name,
    coalesce(norm_id(item_id), '(blank)') as row_key,
    case when norm_id(item_id) is null then 'blank id' else 'duplicate id' end as problem,
    coalesce(title, '') as detail
from counted
where norm_id(item_id) is null or copies > 1
order by row_key
