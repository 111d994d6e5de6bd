-- views: the registers as every page reads them, labels normalised and vocabularies joined.
-- params: none (run once when the store opens)

-- as_at_of: the as-at date of the table `name` in this store (its newest snapshot held; null when it has none).
create or replace macro as_at_of(name) as
    (select max(s.as_at) from snapshots as s where s.table_name = name);

-- previous_as_at_of: the as-at date of the table `name`'s snapshot before its newest one (null when there is none).
create or replace macro previous_as_at_of(name) as
    (select max(s.as_at) from snapshots as s where s.table_name = name and s.as_at < as_at_of(name));

-- dins_versions: one row per distinct DIN row in any snapshot of the log (row_id), labels normalised and the
-- status vocabulary joined; a table, so the normalisation runs once per store, not at every query, and once per
-- distinct label (a log repeats a few dozen labels across every row), not once per row.
create or replace table dins_versions as
with statuses as (
    select
        l.status as status_raw,
        coalesce(s.status, norm_label(l.status)) as status,
        coalesce(s.state, 'unknown') as state,
        coalesce(s.status_order, 99) as status_order
    from (select distinct status from din_log_rows) as l
    left join din_statuses as s on lower(norm_label(l.status)) = lower(s.status)
),

releases as (
    select
        target_release as release_raw,
        norm_release(target_release) as release,
        coalesce(norm_release(target_release), 'No release') as release_label,
        release_code(target_release) as release_code,
        release_order(target_release) as release_order
    from (select distinct target_release from din_log_rows)
),

raisers as (
    select raised_by, norm_label(raised_by) as raised_by_label
    from (select distinct raised_by from din_log_rows)
)

select
    d.row_id,
    d.din_id,
    d.title,
    s.status,
    d.status as status_raw,
    s.state,
    s.status_order,
    r.release,
    r.release_code,
    r.release_label,
    d.target_release as release_raw,
    r.release_order,
    d.raised_date,
    d.raised_by,
    b.raised_by_label,
    d.closed_date,
    d.artefact,
    d.illustrative
from din_log_rows as d
left join statuses as s on s.status_raw is not distinct from d.status
left join releases as r on r.release_raw is not distinct from d.target_release
left join raisers as b on b.raised_by is not distinct from d.raised_by;

-- dins_coexisting: every DIN with two distinct rows in one snapshot at some time (its id repeated in the log):
-- what changes_since must compare even when neither row changed. A table, worked out once per store.
create or replace table dins_coexisting as
with spans as (
    select v.din_id, sp.row_id, sp.first_as_at, sp.last_as_at
    from din_log_spans as sp
    inner join dins_versions as v on v.row_id = sp.row_id
)

select distinct a.din_id
from spans as a
inner join spans as b
    on
        b.din_id = a.din_id and b.row_id <> a.row_id
        and a.first_as_at <= b.last_as_at and b.first_as_at <= a.last_as_at;

-- dins: one row per DIN in the latest snapshot.
create or replace table dins as
select v.* exclude (row_id)
from dins_versions as v
where v.row_id in (
    select row_id from members_at('din_log', as_at_of('din_log'))
);

-- dins_history: one row per (DIN, as_at snapshot).
create or replace view dins_history as
select m.as_at, v.* exclude (row_id)
from history_members('din_log') as m
inner join dins_versions as v on v.row_id = m.row_id;

-- dins_at: one row per DIN in the log's snapshot as at `day` (a snapshot date; no rows when there is none).
create or replace macro dins_at(day) as table
select v.* exclude (row_id)
from dins_versions as v
where v.row_id in (select row_id from members_at('din_log', day));

-- labelled_actions: one row per row of the action table `name` (the log or its history), the status normalised and
-- its vocabulary joined once (status_raw as the log spells it; state 'unknown' and order 99 outside the vocabulary).
create or replace macro labelled_actions(name) as table
select
    a.* replace (coalesce(v.status, upper(norm_label(a.status))) as status),
    a.status as status_raw,
    coalesce(v.state, 'unknown') as state,
    coalesce(v.status_order, 99) as status_order
from query_table(name) as a
left join action_statuses as v on v.status = upper(norm_label(a.status));

-- actions_now: one row per action, with its open/closed state and whether it is overdue at the log's as-at date.
create or replace view actions_now as
select
    a.action_ref,
    coalesce(a.group_code, regexp_extract(a.action_ref, '^[A-Za-z]+')) as group_code,
    coalesce(a.meeting, regexp_extract(a.action_ref, '^[A-Za-z]+\d+')) as meeting,
    a.action,
    a.owner,
    a.due_date,
    a.status,
    a.state,
    a.status_order,
    a.latest_update,
    as_at_of('actions') as as_at,
    coalesce(a.state = 'open' and a.due_date < as_at_of('actions'), false) as overdue
from labelled_actions('actions') as a;

-- actions_in_view: the `actions_now` rows the action page's filters keep (each list empty = all).
create or replace macro actions_in_view(want_groups, want_statuses, want_owners) as table
select *
from actions_now
where allows(want_groups, group_code) and allows(want_statuses, status) and allows(want_owners, owner);

-- labelled_crs: one row per row of the CR table `name` (the register or its history), labels normalised and the
-- stage vocabulary joined once. current_stage is the register's stage, spaces tidied (norm_label); stage is the
-- vocabulary's spelling of it (case aside), else current_stage; stage_listed is null outside the vocabulary.
create or replace macro labelled_crs(name) as table
select
    c.* replace (norm_label(c.approval_status) as approval_status, norm_label(c.current_stage) as current_stage),
    c.approval_status as approval_status_raw,
    c.current_stage as current_stage_raw,
    s.stage as stage_listed,
    coalesce(s.stage, norm_label(c.current_stage)) as stage,
    coalesce(s.stage_order, 99) as stage_order
from query_table(name) as c
left join cr_stages as s on lower(s.stage) = lower(norm_label(c.current_stage));

-- crs: one row per change request in the latest snapshot, labelled, with the days it has sat in its stage at the
-- register's as-at date (null where stage_since is unknown).
create or replace view crs as
select
    c.*,
    date_diff('day', c.stage_since, as_at_of('change_requests')) as days_in_stage,
    as_at_of('change_requests') as as_at
from labelled_crs('change_requests') as c;

-- crs_history: one row per (change request, as_at snapshot), labelled.
create or replace view crs_history as
select * from labelled_crs('change_requests_history');

-- crs_in_view: the `crs` rows the CR page's filters keep (each list empty = all).
create or replace macro crs_in_view(want_approval_statuses, want_stages, want_change_types, want_decision_bodies)
as table
select *
from crs
where
    allows(want_approval_statuses, approval_status)
    and allows(want_stages, current_stage)
    and allows(want_change_types, norm_label(change_type))
    and allows(want_decision_bodies, norm_label(decision_body));

-- dated_milestones: one row per row of the milestone table `name` (the plan or its history), with the date it is
-- expected (actual if achieved, else forecast, else baseline) and its place in the plan.
create or replace macro dated_milestones(name) as table
select
    m.*,
    coalesce(m.actual_date, m.forecast_date, m.baseline_date) as expected_date,
    milestone_order(m.milestone_id) as milestone_order
from query_table(name) as m;

-- dins_in_view: the `dins` rows the DIN page's filters keep (each list empty = all; null date or '' = no limit).
-- The search matches the id or the title, case-insensitive, as plain text (no wildcards).
create or replace macro dins_in_view(want_releases, want_statuses, want_raisers, search, raised_from, raised_to) as table
select *
from dins
where
    allows(want_releases, release_label)
    and allows(want_statuses, status)
    and allows(want_raisers, raised_by_label)
    and (coalesce(trim(search), '') = '' or contains(lower(din_id || ' ' || coalesce(title, '')), lower(trim(search))))
    and (raised_from is null or raised_date >= raised_from)
    and (raised_to is null or raised_date <= raised_to);

-- decision_outcomes: one row per row of the decisions log, ids and kinds normalised, refs as a list, the kind's
-- vocabulary order and precedence (schema.DECISION_PRECEDENCE) and the meeting's title (from the meetings log,
-- else the group code) joined. Whether an outcome is recorded or still on an agenda is judged by each query at its
-- $as_at.
create or replace view decision_outcomes as
with meeting_titles as (
    select norm_id(group_code) as group_code, meeting_date, min(title) as title
    from meetings
    group by all
)

select
    norm_id(d.decision_id) as decision_id,
    norm_id(d.group_code) as group_code,
    g.name as group_name,
    g.level as group_level,
    d.meeting_date,
    coalesce(m.title, norm_id(d.group_code)) as meeting_title,
    coalesce(k.kind, lower(norm_label(d.kind))) as kind,
    coalesce(k.kind_order, 99) as kind_order,
    coalesce(k.precedence, 99) as precedence,
    norm_label(d.decided_by) as decided_by,
    ref_list(d.refs) as refs,
    norm_label(d.title) as title,
    d.outcome,
    coalesce(d.item_order, 0) as item_order,
    coalesce(d.headline, false) as headline
from decisions as d
left join decision_kinds as k on k.kind = lower(norm_label(d.kind))
left join groups as g on norm_id(g.group_code) = norm_id(d.group_code)
left join meeting_titles as m on m.group_code = norm_id(d.group_code) and m.meeting_date = d.meeting_date;

-- decisions_at(day): the decisions log as a query lists it, each outcome 'recorded' (its meeting on or before `day`,
-- the view's as-at date) or 'on the agenda' (still to be taken).
create or replace macro decisions_at(day) as table
select
    decision_id, group_code, group_name, meeting_date, meeting_title, kind, decided_by, refs, title, outcome,
    item_order, headline,
    case when meeting_date <= day then 'recorded' else 'on the agenda' end as state
from decision_outcomes;

-- checklist_items_at: one row per participant checklist item with its status at `day` (the view's as-at date):
-- upcoming (opens after it), open (a deadline on or after it), closed (the deadline before it), or for information
-- (no deadline: a reminder, a publication, guidance). Nothing is stored about status: the date decides.
create or replace macro checklist_items_at(day) as table
select
    norm_id(c.item_id) as item_id,
    coalesce(k.kind, lower(norm_label(c.kind))) as kind,
    coalesce(k.kind_order, 99) as kind_order,
    c.title,
    c.detail,
    c.opened_date,
    c.deadline,
    norm_label(c.owner) as owner,
    coalesce(c.item_order, 0) as item_order,
    case
        when c.opened_date > day then 'upcoming'
        when c.deadline is null then 'for information'
        when c.deadline >= day then 'open'
        else 'closed'
    end as status,
    case when c.deadline >= day then date_diff('day', day, c.deadline) end as days_left
from checklist as c
left join checklist_kinds as k on k.kind = lower(norm_label(c.kind));

-- register_keys: every register row's key (as its checks name it: an id, a reference, a ref) with a line that
-- tells the row apart, for the checks that keys are present and unique (queries/quality/dq_*_duplicate_*.sql).
create or replace view register_keys as
select 'din_log' as table_name, din_id as id, 'id' as noun, title as detail from din_log
union all select 'change_requests', cr_ref, 'reference', title from change_requests
union all select 'actions', action_ref, 'reference', action from actions
union all select 'decisions', norm_id(decision_id), 'id', title from decisions
union all select 'checklist', norm_id(item_id), 'id', title from checklist
union all select 'principles', principle_ref::varchar, 'ref', principle from principles;

-- keys_repeated(tbl): one row per row of register `tbl` whose key is blank or appears more than once.
create or replace macro keys_repeated(tbl) as table
with counted as (
    select *, count(*) over (partition by id) as copies
    from register_keys
    where table_name = tbl
)

select
    table_name,
    coalesce(id, '(blank)') as row_key,
    case when id is null then 'blank ' || noun else 'duplicate ' || noun end as problem,
    coalesce(detail, '') as detail
from counted
where id is null or copies > 1
order by row_key;
