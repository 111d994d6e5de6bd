-- changes_rows: one row per (register, item, change) since $since: what changed, from what, to what.
-- params: $since (date; the date to compare with), $registers (varchar[]; table names; empty = all)
-- params: $limit (integer; the first rows returned, in listing order; null = all). rows_in_view counts them all.
-- Listing order: the CR register and the action log first, then the plan and the seats, the DIN log (the
-- register with by far the most rows: 100+ a month in the pack) last, so a $limit never crowds them out.
select
    table_name,
    item_key,
    title,
    change,
    from_value,
    to_value,
    then_as_at,
    now_as_at,
    count(*) over () as rows_in_view
from changes_since($since::date)
where allows($registers::varchar[], table_name)
order by list_position(['change_requests', 'actions', 'milestones', 'seats', 'din_log'], table_name), change, item_key
limit $limit
