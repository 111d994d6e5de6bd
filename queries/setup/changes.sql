-- changes: table macros comparing each register's snapshot nearest on or before a date with its newest one.
-- params: none (run once when the store opens; the date reaches the macros as a bound $since in queries/changes_*.sql)

-- changes_snapshots: one row per register: the snapshot compared ("then", nearest on or before `since`) and the newest.
-- then_as_at is null when the register has no snapshot that early: nothing is compared for it.
create or replace macro changes_snapshots(since) as table
with registers as (
    select * from (values ('din_log', 1), ('change_requests', 2), ('actions', 3), ('milestones', 4), ('seats', 5))
        as r (table_name, register_order)
)

select
    r.table_name,
    r.register_order,
    max(d.as_at) filter (where d.as_at <= since) as then_as_at,
    max(d.as_at) as now_as_at
from registers as r
left join snapshots as d on d.table_name = r.table_name
group by r.table_name, r.register_order;

-- status_pairs: one row per item present then or now, with its status then and now ('(new)' / '(gone)' when absent).
-- Status is the DIN status, the CR's stage in change control, the action status, a seat's Filled / Vacant.
create or replace macro status_pairs(since) as table
with snaps as (
    select * from changes_snapshots(since) where then_as_at is not null
),

-- the other registers' items in every snapshot (the DIN log's come from its spans, below)
history as (
    select 'change_requests' as table_name, h.as_at, norm_id(h.cr_ref) as item_key, h.title, h.stage as status
    from crs_history as h
    union all
    select 'actions', h.as_at, norm_id(h.action_ref), h.action, h.status
    from labelled_actions('actions_history') as h
    union all
    select
        'seats',
        h.as_at,
        norm_id(h.group_code) || ' / ' || norm_label(h.constituency),
        h.constituency,
        case when h.filled then 'Filled' else 'Vacant' end
    from seats_history as h
),

sides as (
    select table_name, 'then' as side, then_as_at as as_at from snaps
    union all
    select table_name, 'now', now_as_at from snaps
),

items as (
    select 'then' as side, 'din_log' as table_name, norm_id(h.din_id) as item_key, h.title, h.status
    from dins_at((select then_as_at from snaps where table_name = 'din_log')) as h
    union all
    select 'now', 'din_log', norm_id(h.din_id), h.title, h.status
    from dins_at((select now_as_at from snaps where table_name = 'din_log')) as h
    union all
    select d.side, h.table_name, h.item_key, h.title, h.status
    from history as h inner join sides as d on d.table_name = h.table_name and d.as_at = h.as_at
),

pairs as (
    select coalesce(n.table_name, t.table_name) as table_name, coalesce(n.item_key, t.item_key) as item_key,
        coalesce(n.title, t.title) as title, coalesce(t.status, '(new)') as from_status,
        coalesce(n.status, '(gone)') as to_status
    from (select * from items where side = 'then') as t
    full outer join (select * from items where side = 'now') as n
        on n.table_name = t.table_name and n.item_key = t.item_key
)

select p.*, s.then_as_at, s.now_as_at
from pairs as p
inner join snaps as s on s.table_name = p.table_name;

-- changes_since: one row per (register, item, change) between the two snapshots. Changes:
-- new, gone, closed, reopened, status changed (DINs, actions), release moved (DINs), stage changed, decided (CRs),
-- newly overdue (actions), slipped, pulled forward, achieved (milestones), filled, vacated (seats).
create or replace macro changes_since(since) as table
with snaps as (
    select * from changes_snapshots(since) where then_as_at is not null
),

-- the DINs worth comparing: those with a row in one of the two snapshots but not the other (a row_id is one
-- distinct row; a row that left and came back has a span for each stay), and those whose id a snapshot repeats.
-- Every other DIN has the same one row in both, which can change nothing: week to week that is most of the log.
din_compared as (
    select v.din_id
    from dins_versions as v
    where v.row_id in (
        select sp.row_id
        from din_log_spans as sp, snaps as s
        where
            s.table_name = 'din_log'
            and (s.then_as_at between sp.first_as_at and sp.last_as_at)
            <> (s.now_as_at between sp.first_as_at and sp.last_as_at)
    )
    union
    select din_id from dins_coexisting
),

din_rows_then as (
    select row_id from members_at('din_log', (select then_as_at from snaps where table_name = 'din_log'))
),

din_rows_now as (
    select row_id from members_at('din_log', (select now_as_at from snaps where table_name = 'din_log'))
),

din_then as (
    select v.* exclude (row_id) replace (norm_id(v.din_id) as din_id)
    from dins_versions as v
    where v.row_id in (select row_id from din_rows_then) and v.din_id in (select din_id from din_compared)
),

din_now as (
    select v.* exclude (row_id) replace (norm_id(v.din_id) as din_id)
    from dins_versions as v
    where v.row_id in (select row_id from din_rows_now) and v.din_id in (select din_id from din_compared)
),

din_changes as (
    select 'din_log' as table_name, n.din_id as item_key, n.title, 'release moved' as change,
        coalesce(t.release, 'No release') as from_value, coalesce(n.release, 'No release') as to_value
    from din_then as t inner join din_now as n on n.din_id = t.din_id
    where t.release is distinct from n.release
),

cr_all as (
    select h.as_at, norm_id(h.cr_ref) as cr_ref, h.title, h.stage, h.approval_status
    from crs_history as h
),

cr_then as (
    select c.* from cr_all as c
    inner join snaps as s on s.table_name = 'change_requests' and c.as_at = s.then_as_at
),

cr_now as (
    select c.* from cr_all as c
    inner join snaps as s on s.table_name = 'change_requests' and c.as_at = s.now_as_at
),

cr_changes as (
    select 'change_requests' as table_name, n.cr_ref as item_key, n.title, 'stage changed' as change,
        t.stage as from_value, n.stage as to_value
    from cr_then as t inner join cr_now as n on n.cr_ref = t.cr_ref
    where lower(t.stage) is distinct from lower(n.stage)
    union all
    select 'change_requests', n.cr_ref, n.title, 'decided', t.approval_status, n.approval_status
    from cr_then as t inner join cr_now as n on n.cr_ref = t.cr_ref
    where lower(t.approval_status) = 'open' and lower(n.approval_status) <> 'open'
),

act_all as (
    select h.as_at, norm_id(h.action_ref) as action_ref, h.action, h.due_date, h.status, h.state
    from labelled_actions('actions_history') as h
),

act_then as (
    select a.*, s.then_as_at as judged_at from act_all as a
    inner join snaps as s on s.table_name = 'actions' and a.as_at = s.then_as_at
),

act_now as (
    select a.*, s.now_as_at as judged_at from act_all as a
    inner join snaps as s on s.table_name = 'actions' and a.as_at = s.now_as_at
),

-- the DINs and actions in both snapshots, whose closes, reopenings and status changes are worked out alike
state_pairs as (
    select 'din_log' as table_name, n.din_id as item_key, n.title, t.status as from_status, n.status as to_status,
        t.state as from_state, n.state as to_state
    from din_then as t inner join din_now as n on n.din_id = t.din_id
    union all
    select 'actions', n.action_ref, n.action, t.status, n.status, t.state, n.state
    from act_then as t inner join act_now as n on n.action_ref = t.action_ref
),

state_changes as (
    select table_name, item_key, title,
        case when to_state = 'closed' then 'closed' else 'reopened' end as change,
        from_status as from_value, to_status as to_value
    from state_pairs
    where (from_state = 'closed') <> (to_state = 'closed')
    union all
    select table_name, item_key, title, 'status changed', from_status, to_status
    from state_pairs
    where from_status <> to_status
),

act_changes as (
    -- overdue now (open, due before the log's newest as-at) and not overdue then (or not in the log then)
    select 'actions' as table_name, n.action_ref as item_key, n.action as title, 'newly overdue' as change,
        strftime(n.due_date, '%Y-%m-%d') as from_value, strftime(n.judged_at, '%Y-%m-%d') as to_value
    from act_now as n left join act_then as t on t.action_ref = n.action_ref
    where
        n.state = 'open' and n.due_date < n.judged_at
        and not coalesce(t.state = 'open' and t.due_date < t.judged_at, false)
),

ms_then as (
    select h.* replace (norm_id(h.milestone_id) as milestone_id) from milestones_history as h
    inner join snaps as s on s.table_name = 'milestones' and h.as_at = s.then_as_at
),

ms_now as (
    select h.* replace (norm_id(h.milestone_id) as milestone_id) from milestones_history as h
    inner join snaps as s on s.table_name = 'milestones' and h.as_at = s.now_as_at
),

ms_changes as (
    select 'milestones' as table_name, n.milestone_id as item_key, n.name as title,
        case when n.forecast_date > t.forecast_date then 'slipped' else 'pulled forward' end as change,
        strftime(t.forecast_date, '%Y-%m-%d') as from_value, strftime(n.forecast_date, '%Y-%m-%d') as to_value
    from ms_then as t inner join ms_now as n on n.milestone_id = t.milestone_id
    where n.forecast_date <> t.forecast_date
    union all
    select 'milestones', n.milestone_id, n.name, 'achieved', null, strftime(n.actual_date, '%Y-%m-%d')
    from ms_then as t inner join ms_now as n on n.milestone_id = t.milestone_id
    where t.actual_date is null and n.actual_date is not null
),

-- every register but the DIN log, whose arrivals come from the DINs compared above (a DIN new or gone is one of
-- them): status_pairs would pair every DIN of both snapshots. Worked out once for the seats' changes and arrivals.
pairs as materialized (
    select * from status_pairs(since) where table_name <> 'din_log'
),

seat_changes as (
    select table_name, item_key, title,
        case when to_status = 'Filled' then 'filled' else 'vacated' end as change,
        from_status as from_value, to_status as to_value
    from pairs
    where table_name = 'seats' and from_status in ('Filled', 'Vacant') and to_status in ('Filled', 'Vacant')
        and from_status <> to_status
),

arrivals as (
    select
        table_name,
        item_key,
        title,
        case when from_status = '(new)' then 'new' else 'gone' end as change,
        case when from_status = '(new)' then null else from_status end as from_value,
        case when to_status = '(gone)' then null else to_status end as to_value
    from pairs
    where from_status = '(new)' or to_status = '(gone)'
),

din_arrivals as (
    select 'din_log' as table_name, coalesce(n.din_id, t.din_id) as item_key, coalesce(n.title, t.title) as title,
        case when t.din_id is null then 'new' else 'gone' end as change,
        t.status as from_value, n.status as to_value
    from din_then as t full outer join din_now as n on n.din_id = t.din_id
    where t.din_id is null or n.din_id is null
),

ms_arrivals as (
    select 'milestones' as table_name, coalesce(n.milestone_id, t.milestone_id) as item_key,
        coalesce(n.name, t.name) as title,
        case when t.milestone_id is null then 'new' else 'gone' end as change,
        null as from_value, strftime(n.forecast_date, '%Y-%m-%d') as to_value
    from ms_then as t full outer join ms_now as n on n.milestone_id = t.milestone_id
    where t.milestone_id is null or n.milestone_id is null
),

everything as (
    select * from arrivals
    union all select * from din_arrivals
    union all select * from din_changes
    union all select * from state_changes
    union all select * from cr_changes
    union all select * from act_changes
    union all select * from ms_changes
    union all select * from seat_changes
    union all select * from ms_arrivals
)

select e.*, s.register_order, s.then_as_at, s.now_as_at
from everything as e
inner join snaps as s on s.table_name = e.table_name;
