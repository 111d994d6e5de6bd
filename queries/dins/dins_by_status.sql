-- dins_by_status: one row per DIN status in the vocabulary (zero rows kept), plus any status outside it.
-- Programme order: the six open statuses first, then Implemented and Closed. Filters as on the DIN page.
-- params: $releases, $statuses, $raised_by (varchar[] each; empty = all), $q (varchar; id or title contains; empty = all),
-- params: $raised_from, $raised_to (date, inclusive; null = open-ended)
with counted as (
    select status, count(*) as dins
    from dins_in_view($releases::varchar[], $statuses::varchar[], $raised_by::varchar[], $q::varchar, $raised_from::date, $raised_to::date)
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
