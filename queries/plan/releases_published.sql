-- releases_published: one row per Interim Release with a publication date, in date order.
-- params: none
select
    release_code(label) as release_code,
    norm_release(label) as release,
    published_date,
    illustrative
from releases
where published_date is not null
order by published_date, release_order(label)
