-- dins_raised_by_options: one row per distinct raiser in the DIN log, alphabetical, with how many DINs each raised.
-- params: none
with raisers as (
    select raised_by_label as raised_by
    from dins
)

select raised_by, count(*) as dins
from raisers
where raised_by is not null
group by raised_by
order by lower(raised_by), raised_by
