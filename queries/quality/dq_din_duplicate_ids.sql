-- dq_din_duplicate_ids: one row per DIN log row whose id is blank or appears more than once in the latest snapshot.
-- params: none
with counted as (
    select din_id, title, count(*) over (partition by din_id) as copies
    from din_log
)

select
    'din_log' as table_name,
    coalesce(din_id, '(blank)') as row_key,
    case when din_id is null then 'blank id' else 'duplicate id' end as problem,
    case when din_id is null then coalesce(title, '') else copies || ' rows carry this id; this one: ' || coalesce(title, '') end
        as detail
from counted
where din_id is null or copies > 1
order by row_key
