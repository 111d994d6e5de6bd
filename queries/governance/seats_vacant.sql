-- seats_vacant: one row per vacant seat, with the note that explains it (if the seat list has one).
-- params: $groups (varchar[]; group codes; empty = all)
select
    group_code,
    constituency,
    note
from seats
where
    not coalesce(filled, false)
    and allows($groups::varchar[], group_code)
order by group_code, seat_order, constituency
