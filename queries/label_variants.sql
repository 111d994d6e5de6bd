-- label_variants: one row per (table, column, source label) where one canonical label is spelled more than one way,
-- or a source label is not in its canonical spelling; with the rows that carry each spelling.
-- params: none
with labels as (
    select 'din_log' as table_name, 'target_release' as column_name, release_raw as raw_label, release as canonical
    from dins
    union all
    select 'din_log', 'status', status_raw, status
    from dins
    union all
    select 'change_requests', 'current_stage', c.current_stage, coalesce(s.stage, norm_label(c.current_stage))
    from change_requests as c
    left join cr_stages as s on lower(norm_label(c.current_stage)) = lower(s.stage)
    union all
    select 'change_requests', 'approval_status', approval_status, norm_label(approval_status)
    from change_requests
    union all
    select 'actions', 'status', a.status, coalesce(s.status, upper(norm_label(a.status)))
    from actions as a
    left join action_statuses as s on upper(norm_label(a.status)) = s.status
),

counted as (
    select table_name, column_name, canonical, raw_label, count(*) as rows
    from labels
    where raw_label is not null
    group by all
),

flagged as (
    select
        *,
        count(*) over (partition by table_name, column_name, canonical) as spellings,
        label_difference(raw_label, canonical) as difference
    from counted
)

select
    table_name,
    column_name,
    canonical,
    raw_label,
    '"' || repeat('␣', length(raw_label) - length(ltrim(raw_label, ' ')))
        || trim(replace(raw_label, chr(160), '⍽'), ' ')
        || repeat('␣', length(raw_label) - length(rtrim(raw_label, ' '))) || '"' as shown,
    coalesce(difference, 'canonical spelling') as difference,
    rows,
    (sum(rows) over (partition by table_name, column_name, canonical))::bigint as merged_rows
from flagged
where spellings > 1 or difference is not null
order by table_name, column_name, canonical, raw_label = canonical desc, raw_label
