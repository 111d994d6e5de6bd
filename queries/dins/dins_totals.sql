-- dins_totals: one row. DINs recorded, open and closed, and with or without a target release.
-- params: $releases (varchar[]; target-release labels, 'No release' for none; empty = all)
select
    count(*) as total,
    count(*) filter (where state = 'open') as open,
    count(*) filter (where state = 'closed') as closed,
    count(*) filter (where release is not null) as with_release,
    count(*) filter (where release is null) as without_release,
    count(*) filter (where illustrative) as illustrative
from dins
where allows($releases::varchar[], release_label)
