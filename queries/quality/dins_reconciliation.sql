-- dins_reconciliation: one row per way the DIN log's total is broken down, with the parts' sum against the total.
-- 'by status': the eight statuses (plus any outside them); 'by release': every release plus 'No release';
-- 'open + closed': the two states.
-- params: none
with total as (
    select count(*) as total from dins
),

parts as (
    select 'by status' as breakdown, count(*) filter (where state <> 'unknown') as counted,
        count(*) filter (where state = 'unknown') as uncounted
    from dins
    union all
    select 'by release', count(*) filter (where release is not null), count(*) filter (where release is null)
    from dins
    union all
    select 'open + closed', count(*) filter (where state in ('open', 'closed')),
        count(*) filter (where state not in ('open', 'closed'))
    from dins
)

select
    p.breakdown,
    p.counted,
    p.uncounted,
    p.counted + p.uncounted as parts_sum,
    t.total,
    p.counted + p.uncounted = t.total and (p.breakdown = 'by release' or p.uncounted = 0) as reconciles
from parts as p
cross join total as t
order by p.breakdown
