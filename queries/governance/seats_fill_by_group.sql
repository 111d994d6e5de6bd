-- seats_fill_by_group: one row per governance group with a seat list. Seats filled of seats listed; the groups in
-- the seat list's order (its first seat's seat_order: the pack's SITAG, MCAG, QAG), then by code.
-- params: $groups (varchar[]; group codes; empty = all)
select
    group_code,
    count(*) filter (where filled) as filled,
    count(*) as total
from seats
where allows($groups::varchar[], group_code)
group by group_code
order by min(seat_order) nulls last, group_code
