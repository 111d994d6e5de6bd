-- snapshot_dates: one row per as-at date of any table's snapshot, newest first.
-- params: none
select distinct as_at from din_log_history
union
select as_at from change_requests_history
union
select as_at from actions_history
order by as_at desc
