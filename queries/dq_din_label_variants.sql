-- dq_din_label_variants: one row per DIN whose status or target-release label is not in its canonical spelling.
-- The DIN is counted under the canonical label; the row is listed so the source log can be tidied.
-- params: none
with labels as (
    select din_id, 'target_release' as column_name, release_raw as raw_label, release as canonical
    from dins
    union all
    select d.din_id, 'status', d.status, v.status
    from din_log as d
    inner join dins as v on v.din_id = d.din_id
)

select
    'din_log' as table_name,
    din_id as row_key,
    column_name || ': ' || label_difference(raw_label, canonical) as problem,
    '"' || raw_label || '" counted as "' || coalesce(canonical, '(none)') || '"' as detail
from labels
where label_difference(raw_label, canonical) is not null
order by din_id, column_name
