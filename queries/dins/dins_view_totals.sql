-- dins_view_totals: one row. The DINs in the page's view: total, open, closed, and what changed since the previous snapshot.
-- raised_since: in the view now and absent from the previous snapshot; closed_since: closed now, not closed then.
-- params: $releases, $statuses, $raised_by (varchar[] each; empty = all), $q (varchar; id or title contains; empty = all),
-- params: $raised_from, $raised_to (date, inclusive; null = open-ended)
-- as_at and previous_as_at are the log's snapshot dates whether or not any DIN is in the view (null: no snapshot).
with in_view as (
    select din_id, state, illustrative
    from dins_in_view($releases::varchar[], $statuses::varchar[], $raised_by::varchar[], $q::varchar, $raised_from::date, $raised_to::date)
),

compared as (
    select as_at_of('din_log') as as_at, previous_as_at_of('din_log') as previous_as_at
),

previous as (
    select h.din_id, h.state
    from dins_at((select previous_as_at from compared)) as h
)

select
    count(*) as total,
    count(*) filter (where v.state = 'open') as open,
    count(*) filter (where v.state = 'closed') as closed,
    count(*) filter (where s.previous_as_at is not null and p.din_id is null) as raised_since,
    count(*) filter (where s.previous_as_at is not null and v.state = 'closed' and coalesce(p.state, '') <> 'closed')
        as closed_since,
    count(*) filter (where v.illustrative) as illustrative,
    (select c.as_at from compared as c) as as_at,
    (select c.previous_as_at from compared as c) as previous_as_at
from in_view as v
cross join compared as s
left join previous as p on p.din_id = v.din_id
