-- dq_din_label_variants: one row per DIN label (status or target release) that is not in its canonical spelling.
-- The DIN is counted under the canonical label; the row is listed so the source log can be tidied.
-- params: none
with labels as (
    select din_id, 'target_release' as column_name, release_raw as raw_label, release as canonical from dins
    union all
    select din_id, 'status', status_raw, status from dins
),

-- each distinct spelling judged once, not once per row (a log repeats a handful of labels across every row)
differing as (
    select column_name, raw_label, canonical, label_difference(raw_label, canonical) as difference
    from (select distinct column_name, raw_label, canonical from labels)
    where label_difference(raw_label, canonical) is not null
)

select
    'din_log' as table_name,
    coalesce(l.din_id, '(blank)') as row_key,
    d.column_name || ': ' || d.difference as problem,
    '"' || d.raw_label || '" counted as "' || coalesce(d.canonical, '(none)') || '"' as detail
from labels as l
inner join differing as d on d.column_name = l.column_name and d.raw_label = l.raw_label
order by row_key, d.column_name
