-- decisions_latest_for_refs: one row per subject reference (CR045, M10, R856, DAG35-02): the outcome that heads its
-- record, read as at the view's date: of the latest meeting on or before $as_at that names it, the most settled kind
-- (schema.DECISION_PRECEDENCE: ratification, approval in principle, decision, ...), then the first in meeting order.
-- heading reads like "PSG: approval in principle, 1 May 2024".
-- params: $refs (varchar[]; references, any case; empty = every reference a decision names), $as_at (date)
with named as (
    select d.*, unnest(d.refs) as ref
    from decision_outcomes as d
    where d.meeting_date <= $as_at::date
),

wanted as (
    select *
    from named
    where
        len($refs::varchar[]) = 0
        or list_contains(list_transform($refs::varchar[], lambda r: norm_id(r)), ref)
),

ranked as (
    select
        *,
        row_number() over (
            partition by ref order by meeting_date desc, precedence, item_order, decision_id
        ) as pick
    from wanted
)

select
    ref,
    decision_id,
    group_code,
    meeting_date,
    meeting_title,
    kind,
    decided_by,
    title,
    outcome,
    coalesce(decided_by, group_code) || ': ' || kind || ', ' || strftime(meeting_date, '%-d %B %Y') as heading
from ranked
where pick = 1
order by ref
