-- dq_din_label_variants: one row per DIN label (status or target release) that is not in its canonical spelling.
-- The DIN is counted under the canonical label; the row is listed so the source log can be tidied.
-- params: none
with labels as (
    select din_id, 'target_release' as column_name, target_release as raw_label, norm_release(target_release) as canonical
    from din_log
    union all
    select d.din_id, 'status', d.status, coalesce(s.status, norm_label(d.status))
    from din_log as d
    left join din_statuses as s on lower(norm_label(d.status)) = lower(s.status)
)

select
    'din_log' as table_name,
    coalesce(din_id, '(blank)') as row_key,
    column_name || ': ' || label_difference(raw_label, canonical) as problem,
    '"' || raw_label || '" counted as "' || coalesce(canonical, '(none)') || '"' as detail
from labels
where label_difference(raw_label, canonical) is not null
order by row_key, column_name
