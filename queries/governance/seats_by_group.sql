-- seats_by_group: one row per (group, constituency) seat, in each group's listed order.
-- params: $groups (varchar[]; group codes; empty = all)
select
    group_code,
    constituency,
    coalesce(filled, false) as filled,
    note,
    seat_order
from seats
where allows($groups::varchar[], group_code)
order by group_code, seat_order nulls last, constituency
