-- seats_by_group: one row per (group, constituency) seat, in the seat list's order: the groups as listed (their
-- first seat's seat_order, as seats_fill_by_group), each group's seats in its listed order.
-- params: $groups (varchar[]; group codes; empty = all)
select
    group_code,
    constituency,
    coalesce(filled, false) as filled,
    note,
    seat_order
from seats
where allows($groups::varchar[], group_code)
order by
    min(seat_order) over (partition by group_code) nulls last, group_code, seat_order nulls last, constituency
