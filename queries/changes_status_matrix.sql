-- changes_status_matrix: one row per (register, status then, status now) since $since, with how many items moved so.
-- params: $since (date; the date to compare with), $registers (varchar[]; table names; empty = all)
-- Status: the DIN status, the CR's stage, the action status, a seat's Filled / Vacant; '(new)' and '(gone)' mark
-- items absent from one of the two snapshots. Unchanged items are the diagonal.
select
    table_name,
    from_status,
    to_status,
    count(*) as items
from status_pairs($since::date)
where len($registers::varchar[]) = 0 or list_contains($registers::varchar[], table_name)
group by table_name, from_status, to_status
order by table_name, from_status, to_status
