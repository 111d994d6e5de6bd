-- releases_options: one row per target-release label a DIN carries or the releases table lists, natural order.
-- params: none
with labels as (
    select release_label as release, release_order from dins
    union
    select norm_release(label), release_order(label) from releases
)

select release
from labels
where release is not null
group by release
order by min(release_order), release
