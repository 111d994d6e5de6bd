-- meetings_upcoming: one row per meeting after the view's as-at date, soonest first. A meeting on the as-at date
-- itself is not "next": it is held that day (PSG, 1 May 2024), or is the meeting in progress (DAG #36 in chair mode).
-- params: $as_at (date; the view's as-at date), $groups (varchar[]; group codes; empty = all),
-- params: $limit (integer; most rows returned)
select
    m.meeting_date,
    m.group_code,
    coalesce(g.name, m.group_code) as group_name,
    m.title,
    m.kind,
    m.notes
from meetings as m
left join groups as g on g.group_code = m.group_code
where
    m.meeting_date > $as_at::date
    and allows($groups::varchar[], m.group_code)
order by m.meeting_date, m.group_code
limit $limit
