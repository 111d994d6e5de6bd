-- views: the registers as every page reads them, labels normalised and vocabularies joined.
-- params: none (run once when the store opens)

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
    select row_id from members_at('din_log', (select max(as_at) from snapshots where table_name = 'din_log'))
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

-- actions_now: one row per action, with its open/closed state and whether it is overdue at the log's as-at date.
create or replace view actions_now as
with as_at as (
    select max(as_at) as as_at from actions_history
)

select
    a.action_ref,
    coalesce(a.group_code, regexp_extract(a.action_ref, '^[A-Za-z]+')) as group_code,
    coalesce(a.meeting, regexp_extract(a.action_ref, '^[A-Za-z]+\d+')) as meeting,
    a.action,
    a.owner,
    a.due_date,
    coalesce(v.status, upper(norm_label(a.status))) as status,
    coalesce(v.state, 'unknown') as state,
    coalesce(v.status_order, 99) as status_order,
    a.latest_update,
    as_at.as_at,
    coalesce(v.state = 'open' and a.due_date < as_at.as_at, false) as overdue
from actions as a
cross join as_at
left join action_statuses as v on upper(norm_label(a.status)) = v.status;

-- dins_in_view: the `dins` rows the DIN page's filters keep (each list empty = all; null date or '' = no limit).
-- The search matches the id or the title, case-insensitive, as plain text (no wildcards).
create or replace macro dins_in_view(want_releases, want_statuses, want_raisers, search, raised_from, raised_to) as table
select *
from dins
where
    (len(want_releases) = 0 or list_contains(want_releases, release_label))
    and (len(want_statuses) = 0 or list_contains(want_statuses, status))
    and (len(want_raisers) = 0 or list_contains(want_raisers, raised_by_label))
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
