-- agenda_items: one row per agenda item of a group's meetings; no meeting_date = a standing item of every meeting.
-- params: $groups (varchar[]; group codes; empty = all)
select
    group_code,
    meeting_date,
    item,
    lower(coalesce(norm_label(kind), 'planned')) as kind,
    coalesce(item_order, 0) as item_order
from agenda_items
where
    item is not null
    and allows($groups::varchar[], group_code)
order by group_code, meeting_date nulls first, item_order, item
