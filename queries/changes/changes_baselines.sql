-- changes_baselines: one row per register: the snapshot compared (nearest on or before $since) and the newest one.
-- params: $since (date; the date to compare with)
select
    table_name,
    then_as_at,
    now_as_at
from changes_snapshots($since::date)
order by register_order
