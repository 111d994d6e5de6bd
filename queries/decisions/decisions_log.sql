-- decisions_log: one row per outcome of a governance meeting, newest meeting first, in meeting order within it.
-- A row is 'recorded' when its meeting is on or before the view's as-at date, else 'on the agenda' (to be taken).
-- params: $groups (varchar[]; group codes; empty = all), $kinds (varchar[]; decision kinds; empty = all),
-- params: $date_from (date, inclusive), $date_to (date, inclusive), $as_at (date; the view's as-at date)
-- params: $ref (varchar; a subject reference the row names, matched exactly, any case; '' = any)
select d.*
from decisions_at($as_at::date) as d
where
    allows($groups::varchar[], d.group_code)
    and (len($kinds::varchar[]) = 0 or list_contains(list_transform($kinds::varchar[], lambda k: lower(k)), d.kind))
    and d.meeting_date between $date_from::date and $date_to::date
    and (coalesce(norm_id($ref::varchar), '') = '' or list_contains(d.refs, norm_id($ref::varchar)))
order by d.meeting_date desc, d.group_code, d.item_order, d.decision_id
