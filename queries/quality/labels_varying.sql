-- labels_varying: one row per (table, column, source label) where one canonical label is spelled more than one way,
-- or a source label is not in its canonical spelling; with the rows that carry each spelling.
-- params: none
with labels as (
    select 'din_log' as table_name, 'target_release' as column_name, release_raw as raw_label, release as canonical
    from dins
    union all
    select 'din_log', 'status', status_raw, status
    from dins
    union all
    select 'change_requests', 'current_stage', current_stage_raw, stage
    from crs
    union all
    select 'change_requests', 'approval_status', approval_status_raw, approval_status
    from crs
    union all
    select 'actions', 'status', status_raw, status
    from labelled_actions('actions')
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
