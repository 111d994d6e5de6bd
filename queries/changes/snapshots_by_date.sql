-- snapshots_by_date: one row per as-at date of any table's snapshot, newest first.
-- params: none
select distinct as_at from snapshots
where table_name in ('din_log', 'change_requests', 'actions')
order by as_at desc
