-- din_by_status: one row per DIN status in the vocabulary (zero rows kept), plus any status outside it.
-- Programme order: the six open statuses first, then Implemented and Closed.
-- params: $releases (varchar[]; target-release labels, 'No release' for none; empty = all)
with filtered as (
    select status
    from dins
    where len($releases::varchar[]) = 0 or list_contains($releases::varchar[], release_label)
),

counted as (
    select status, count(*) as dins
    from filtered
    group by status
)

select
    coalesce(v.status, c.status) as status,
    coalesce(v.state, 'unknown') as state,
    coalesce(v.status_order, 99) as status_order,
    coalesce(c.dins, 0) as dins
from din_statuses as v
full outer join counted as c on c.status = v.status
order by status_order, status
