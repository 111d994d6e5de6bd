-- checklist_items: one row per participant checklist item, with its status at the view's as-at date (open,
-- upcoming, for information, closed): open ones first, soonest deadline first; then upcoming by opening date; then
-- for information and closed in the checklist's order. days_left counts from $as_at to the deadline.
-- params: $as_at (date; the view's as-at date), $statuses (varchar[]; statuses to keep; empty = all)
select
    item_id,
    kind,
    title,
    detail,
    opened_date,
    deadline,
    owner,
    status,
    days_left,
    item_order
from checklist_items_at($as_at::date)
where len($statuses::varchar[]) = 0 or list_contains($statuses::varchar[], status)
order by
    case status when 'open' then 1 when 'upcoming' then 2 when 'for information' then 3 else 4 end,
    deadline nulls last,
    opened_date nulls last,
    item_order,
    item_id
