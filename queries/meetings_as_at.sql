-- meetings_as_at: one row: "now" for the calendar, the meetings log's as-at date (else the groups list's).
-- params: none
with log as (
    select max(as_at) as as_at from snapshots where table_name = 'meetings'
),

listed as (
    select max(as_at) as as_at from snapshots where table_name = 'groups'
)

select coalesce(log.as_at, listed.as_at) as as_at
from log
cross join listed
