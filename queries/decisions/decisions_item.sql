-- decisions_item: one row for the decision asked for by id (none when there is no such id), with its state at the
-- view's as-at date ('recorded' or 'on the agenda').
-- params: $decision (varchar; decision id, any case), $as_at (date; the view's as-at date)
select d.*
from decisions_at($as_at::date) as d
where d.decision_id = norm_id($decision::varchar)
order by d.decision_id
