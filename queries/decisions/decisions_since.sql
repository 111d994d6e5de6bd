-- decisions_since: one row per outcome other than an update for information, of a meeting after $since and on or
-- before the view's as-at date: the overview's "decisions since the last meeting". Oldest meeting first.
-- params: $since (date, exclusive), $as_at (date, inclusive), $groups (varchar[]; group codes; empty = all)
select
    d.decision_id,
    d.group_code,
    d.meeting_date,
    d.meeting_title,
    d.kind,
    d.decided_by,
    d.refs,
    d.title,
    d.outcome,
    d.item_order
from decision_outcomes as d
where
    d.meeting_date > $since::date
    and d.meeting_date <= $as_at::date
    and d.kind <> 'information'
    and (len($groups::varchar[]) = 0 or list_contains($groups::varchar[], d.group_code))
order by d.meeting_date, d.group_code, d.item_order
