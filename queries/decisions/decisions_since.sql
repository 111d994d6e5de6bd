-- decisions_since: one row per outcome other than an update for information, of a meeting after $since and on or
-- before the view's as-at date: the overview's "decisions since the last meeting". Oldest meeting first.
-- params: $since (date, exclusive), $as_at (date, inclusive), $groups (varchar[]; group codes; empty = all)
select d.* exclude (group_name, headline, state)
from decisions_at($as_at::date) as d
where
    d.meeting_date > $since::date
    and d.state = 'recorded'
    and d.kind <> 'information'
    and allows($groups::varchar[], d.group_code)
order by d.meeting_date, d.group_code, d.item_order
