-- dins_item_history: one row per snapshot (as-at date) of the log, for the DIN $din_id: its status and release then.
-- A snapshot the DIN was not yet in has status 'Not yet raised'; changed says what moved since the snapshot before.
-- params: $din_id (varchar)
with snapshots as (
    select as_at from snapshots where table_name = 'din_log'
),

this_din as (
    select as_at, status, state, coalesce(release, 'No release') as release, closed_date
    from dins_history
    where din_id = $din_id
),

joined as (
    select
        s.as_at,
        coalesce(d.status, 'Not yet raised') as status,
        coalesce(d.state, 'absent') as state,
        coalesce(d.release, '') as release,
        d.closed_date
    from snapshots as s
    left join this_din as d on d.as_at = s.as_at
),

with_previous as (
    select
        *,
        lag(status) over (order by as_at) as previous_status,
        lag(release) over (order by as_at) as previous_release
    from joined
)

select
    as_at,
    status,
    state,
    release,
    closed_date,
    concat_ws('; ',
        case when previous_status = 'Not yet raised' then 'first in this snapshot'
            when previous_status is not null and previous_status <> status
            then 'status was ' || previous_status end,
        case when previous_release is not null and previous_release <> release and previous_release <> ''
            then 'release was ' || previous_release end
    ) as changed
from with_previous
order by as_at
