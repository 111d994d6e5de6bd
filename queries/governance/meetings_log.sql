-- meetings_log: one row per meeting in the log, with the actions raised at it and the CRs its notes name.
-- params: $groups (varchar[]; group codes; empty = all)
with raised as (
    select
        meeting,
        list(action_ref order by action_ref) as actions_raised
    from actions_now
    where meeting is not null
    group by meeting
)

select
    m.group_code,
    m.meeting_date,
    m.title,
    lower(norm_label(m.kind)) as kind,
    m.notes,
    m.meeting_ref,
    m.moved_from,
    coalesce(r.actions_raised, []::varchar[]) as actions_raised,
    list_sort(list_distinct(regexp_extract_all(coalesce(m.notes, ''), 'CR\d{3,}'))) as crs_named
from meetings as m
left join raised as r on r.meeting = m.meeting_ref
where
    m.meeting_date is not null
    and allows($groups::varchar[], m.group_code)
order by m.meeting_date, m.group_code, m.title
