-- decisions_of_meeting: one row per outcome of one meeting (a group on a date), in the meeting's order: what
-- "Updates from PSG held 01 May 2024" lists. headline marks the lines the pack's "Programme Updates" prints for it;
-- state is 'recorded' (the meeting is on or before the view's as-at date) or 'on the agenda'.
-- params: $group (varchar; group code, any case), $meeting_date (date), $as_at (date; the view's as-at date)
select d.*
from decisions_at($as_at::date) as d
where d.group_code = norm_id($group::varchar) and d.meeting_date = $meeting_date::date
order by d.item_order, d.decision_id
