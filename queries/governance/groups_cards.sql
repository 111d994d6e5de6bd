-- groups_cards: one row per governance group: names, level, parent, cadence rule, first meeting, times, the
-- programme's listing order, the group it replaced, seats.
-- params: $groups (varchar[]; group codes; empty = all)
with seat_fill as (
    select
        group_code,
        count(*) filter (where filled) as seats_filled,
        count(*) as seats_total
    from seats
    group by group_code
)

select
    g.group_code,
    g.name,
    g.level,
    g.parent_group,
    p.name as parent_name,
    g.cadence,
    g.first_meeting,
    g.state,
    g.start_time,
    g.end_time,
    g.list_order,
    g.replaces,
    s.seats_filled,
    s.seats_total
from groups as g
left join groups as p on p.group_code = g.parent_group
left join seat_fill as s on s.group_code = g.group_code
where allows($groups::varchar[], g.group_code)
order by g.level, g.group_code
