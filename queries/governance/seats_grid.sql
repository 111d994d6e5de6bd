-- seats_grid: one row per (constituency, group) seat on a seat list; filled or vacant, with its note.
-- params: $groups (varchar[]; group codes; empty = all)
with chosen as (
    select group_code, constituency, filled, note, seat_order
    from seats
    where allows($groups::varchar[], group_code)
),

constituency_order as (
    select constituency, min(seat_order) as constituency_order
    from chosen
    group by constituency
)

select
    c.constituency,
    c.group_code,
    coalesce(c.filled, false) as filled,
    case when c.filled then 'Filled' else 'Vacant' end as seat_state,
    c.note,
    o.constituency_order
from chosen as c
inner join constituency_order as o on o.constituency = c.constituency
order by o.constituency_order, c.constituency, c.group_code
