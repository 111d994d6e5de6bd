-- din_by_release: one row per normalised target release (natural order), 'No release' last.
-- params: $releases (varchar[]; target-release labels, 'No release' for none; empty = all)
select
    release_label as release,
    min(release_order) as release_order,
    count(*) as dins,
    count(*) filter (where state = 'open') as open,
    count(*) filter (where state = 'closed') as closed
from dins
where len($releases::varchar[]) = 0 or list_contains($releases::varchar[], release_label)
group by release_label
order by release_order, release
