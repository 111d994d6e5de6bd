-- meetings_upcoming: one row per meeting on or after the meetings log's as-at date, soonest first.
-- params: $groups (varchar[]; group codes; empty = all), $limit (integer; most rows returned)
with as_at as (
    select max(as_at) as as_at from snapshots where table_name = 'meetings'
)

select
    m.meeting_date,
    m.group_code,
    coalesce(g.name, m.group_code) as group_name,
    m.title,
    m.kind,
    m.notes
from meetings as m
cross join as_at
left join groups as g on g.group_code = m.group_code
where
    m.meeting_date >= as_at.as_at
    and (len($groups::varchar[]) = 0 or list_contains($groups::varchar[], m.group_code))
order by m.meeting_date, m.group_code
limit $limit
