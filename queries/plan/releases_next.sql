-- releases_next: one row, or none when the release list names no Interim Release after the date: the next
-- Interim Release after $as_at, its publication date, and the DINs targeted at it (all, and those still open).
-- params: $as_at (date; the view's as-at date; null = the DIN log's newest as-at date)
--
-- The next release is the first one dated after that day; failing one, the first undated (TBC) release that
-- comes, in release order, after every release published by then. days_to_go counts from that day (never the
-- wall clock); labels are normalised, so a DIN targeted at "IR7.3" counts for Interim Release 7.3.
with asked as (
    select coalesce($as_at::date, as_at_of('din_log')) as as_of
),

listed as (
    select
        norm_release(r.label) as release,
        any_value(r.published_date) as published_date,
        bool_or(coalesce(r.illustrative, false)) as illustrative,
        any_value(r.notes) as notes,
        release_order(norm_release(r.label)) as release_order
    from releases as r
    where release_code(r.label) is not null
    group by norm_release(r.label)
),

published as (
    select max(l.release_order) as release_order
    from listed as l
    cross join asked as a
    where l.published_date <= a.as_of
),

upcoming as (
    select l.*
    from listed as l
    cross join asked as a
    cross join published as p
    where
        a.as_of is not null
        and (
            l.published_date > a.as_of
            or (l.published_date is null and l.release_order > coalesce(p.release_order, -1))
        )
    order by l.published_date nulls last, l.release_order
    limit 1
)

select
    u.release,
    release_code(u.release) as release_code,
    u.published_date,
    u.illustrative,
    u.notes,
    a.as_of,
    date_diff('day', a.as_of, u.published_date) as days_to_go,
    count(d.din_id) as dins_targeted,
    count(d.din_id) filter (where d.state = 'open') as dins_open
from upcoming as u
cross join asked as a
left join dins as d on d.release = u.release
group by u.release, u.published_date, u.illustrative, u.notes, a.as_of
