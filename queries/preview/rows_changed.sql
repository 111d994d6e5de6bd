-- rows_changed: one row per id that publishing a snapshot would add, change or take away (the workspace preview).
-- params: none (reads preview_before and preview_after: one row per (row_key, column_name, value) of each snapshot)
-- columns: the columns whose value differs, for a changed row (null for a new or gone one)
with before_keys as (
    select distinct row_key from preview_before
),

after_keys as (
    select distinct row_key from preview_after
),

differing as (
    select
        coalesce(a.row_key, b.row_key) as row_key,
        coalesce(a.column_name, b.column_name) as column_name
    from preview_after as a
    full join preview_before as b on a.row_key = b.row_key and a.column_name = b.column_name
    where a.value is distinct from b.value
),

classified as (
    select
        d.row_key,
        d.column_name,
        case when bk.row_key is null then 'new' when ak.row_key is null then 'gone' else 'changed' end as change
    from differing as d
    left join before_keys as bk on d.row_key = bk.row_key
    left join after_keys as ak on d.row_key = ak.row_key
)

select
    change,
    row_key,
    string_agg(column_name, ', ' order by column_name) filter (where change = 'changed') as columns
from classified
group by change, row_key
order by case change when 'new' then 1 when 'changed' then 2 else 3 end, row_key
