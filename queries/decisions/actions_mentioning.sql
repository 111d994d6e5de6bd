-- actions_mentioning: one row per action whose text or latest update names the reference $ref (a CR, risk,
-- action, release, milestone or DIN) as a whole word; the action itself is left out.
-- params: $ref (varchar; e.g. CR045, R856, DAG35-04)
with pattern as (
    select '(^|[^A-Za-z0-9_])' || regexp_escape($ref) || '($|[^A-Za-z0-9_])' as re
)

select
    a.action_ref,
    a.action,
    a.owner,
    a.due_date,
    a.status,
    a.overdue,
    a.latest_update,
    case
        when regexp_matches(coalesce(a.action, ''), p.re) and regexp_matches(coalesce(a.latest_update, ''), p.re)
            then 'action and latest update'
        when regexp_matches(coalesce(a.action, ''), p.re) then 'action'
        else 'latest update'
    end as mentioned_in
from actions_now as a
cross join pattern as p
where
    a.action_ref is distinct from $ref
    and (regexp_matches(coalesce(a.action, ''), p.re) or regexp_matches(coalesce(a.latest_update, ''), p.re))
order by a.action_ref
