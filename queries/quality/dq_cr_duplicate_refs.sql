-- dq_cr_duplicate_refs: one row per CR register row whose reference is blank or appears more than once.
-- params: none
with counted as (
    select cr_ref, title, count(*) over (partition by cr_ref) as copies
    from change_requests
)

select
    'change_requests' as table_name,
    coalesce(cr_ref, '(blank)') as row_key,
    case when cr_ref is null then 'blank reference' else 'duplicate reference' end as problem,
    coalesce(title, '') as detail
from counted
where cr_ref is null or copies > 1
order by row_key
