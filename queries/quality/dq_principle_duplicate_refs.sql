-- dq_principle_duplicate_refs: one row per design principle row whose ref is blank or appears more than once.
-- params: none
with counted as (
    select principle_ref, principle, count(*) over (partition by principle_ref) as copies
    from principles
)

select
    'principles' as table_name,
    coalesce(principle_ref::varchar, '(blank)') as row_key,
    case when principle_ref is null then 'blank ref' else 'duplicate ref' end as problem,
    coalesce(left(principle, 80), '') as detail
from counted
where principle_ref is null or copies > 1
order by row_key
