-- releases_list: one row per design Interim Release (in the releases table or targeted by a DIN), natural order.
-- params: $releases (varchar[]; normalised release labels; empty = all)
--
-- state: 'published' (publication date on or before the releases table's as-at date), 'planned' (a later date),
-- 'TBC' (no date). dins_implemented counts DINs with status Implemented targeted at the release;
-- dins_targeted counts every DIN targeted at it (labels normalised, so "Interim Release 5.2 " counts as 5.2).
with listed as (
    select
        norm_release(r.label) as release,
        any_value(r.published_date) as published_date,
        bool_or(coalesce(r.illustrative, false)) as illustrative,
        any_value(r.notes) as notes
    from releases as r
    where release_code(r.label) is not null
    group by norm_release(r.label)
),

din_counts as (
    select
        d.release,
        count(*) as dins_targeted,
        count(*) filter (where d.status = 'Implemented') as dins_implemented
    from dins as d
    where d.release_code is not null
    group by d.release
),

every_release as (
    select release from listed
    union
    select release from din_counts
)

select
    e.release,
    release_code(e.release) as release_code,
    l.published_date,
    case
        when l.published_date is null then 'TBC'
        when l.published_date <= as_at_of('releases') then 'published'
        else 'planned'
    end as state,
    coalesce(l.illustrative, false) as illustrative,
    l.notes,
    coalesce(c.dins_implemented, 0) as dins_implemented,
    coalesce(c.dins_targeted, 0) as dins_targeted,
    l.release is not null as listed,
    as_at_of('releases') as as_at,
    release_order(e.release) as release_order
from every_release as e
left join listed as l on l.release = e.release
left join din_counts as c on c.release = e.release
where allows($releases::varchar[], e.release)
order by release_order, e.release
