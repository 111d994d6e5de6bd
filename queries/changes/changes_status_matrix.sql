-- changes_status_matrix: one row per (register, status then, status now) since $since where the two differ, with
-- how many items moved so (items whose status stayed the same are left out).
-- params: $since (date; the date to compare with), $registers (varchar[]; table names; empty = all)
-- Status: the DIN status, the CR's stage, the action status, a seat's Filled / Vacant; '(new)' and '(gone)' mark
-- items absent from one of the two snapshots. The CR register and the action log first, the DIN log last.
select
    table_name,
    from_status,
    to_status,
    count(*) as items
from status_pairs($since::date)
where
    allows($registers::varchar[], table_name)
    and lower(from_status) is distinct from lower(to_status)  -- a spelling variant is no move
group by table_name, from_status, to_status
order by
    list_position(['change_requests', 'actions', 'milestones', 'seats', 'din_log'], table_name), from_status, to_status
