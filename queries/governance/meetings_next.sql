-- meetings_next: at most one row: the first meeting of $group on or after $day (the meeting a pack is for).
-- params: $group (varchar; group code, e.g. 'DAG'), $day (date; the data's as-at date)
select
    m.meeting_date,
    m.group_code,
    m.title
from meetings as m
where
    m.group_code = $group and m.meeting_date >= $day::date
    and lower(coalesce(norm_label(m.kind), '')) <> 'cancelled'
order by m.meeting_date
limit 1
