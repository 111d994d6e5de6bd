-- changes_by_register: one row per (register, kind of change) since $since, with how many items changed that way.
-- params: $since (date; the date to compare with)
with changes as (
    select * from changes_since($since::date)
)

select
    table_name,
    change,
    count(*) as items,
    min(register_order) as register_order,
    min(then_as_at) as then_as_at,
    min(now_as_at) as now_as_at
from changes
group by table_name, change
order by register_order, items desc, change
