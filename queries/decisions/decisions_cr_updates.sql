-- decisions_cr_updates: one row per detail outcome (not a Programme Updates headline) naming a CR, of a meeting after
-- $since and on or before $until: the pack's "Change Requests Update" (PSG's bullets on CR044 and CR045, then "Other
-- CR Updates"), in blocks by title, each block at its first outcome's place. state as decisions_log's.
-- params: $since (date, exclusive: the last meeting), $until (date, inclusive: this meeting), $as_at (date),
-- params: $groups (varchar[]; the groups whose outcomes to list, e.g. PSG and the meeting's own; empty = all)
with rows_ as (
    select d.*
    from decision_outcomes as d
    where
        not d.headline
        and d.meeting_date > $since::date
        and d.meeting_date <= $until::date
        and len(list_filter(d.refs, lambda r: regexp_full_match(r, 'CR\d{3,4}'))) > 0
        and allows($groups::varchar[], d.group_code)
),

blocks as (
    select
        *,
        -- a block sits where its first outcome does: its earliest (meeting date, order)
        min(strftime(meeting_date, '%Y%m%d') || lpad(item_order::varchar, 6, '0')) over (partition by title)
            as block_at
    from rows_
)

select
    decision_id,
    group_code,
    meeting_date,
    meeting_title,
    kind,
    decided_by,
    refs,
    title,
    outcome,
    item_order,
    case when meeting_date <= $as_at::date then 'recorded' else 'on the agenda' end as state
from blocks
order by block_at, title, meeting_date, item_order
