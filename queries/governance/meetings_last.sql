-- meetings_last: at most one row: the last meeting of $group held before the view's as-at date.
-- params: $group (varchar; group code, e.g. 'DAG'), $as_at (date; the view's as-at date)
select
    m.meeting_date,
    m.group_code,
    m.title
from meetings as m
where m.group_code = $group and m.meeting_date < $as_at::date
order by m.meeting_date desc
limit 1
