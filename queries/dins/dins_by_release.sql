-- dins_by_release: one row per normalised target release (natural order), 'No release' last. Filters as on the DIN page.
-- params: $releases, $statuses, $raised_by (varchar[] each; empty = all), $q (varchar; id or title contains; empty = all),
-- params: $raised_from, $raised_to (date, inclusive; null = open-ended)
select
    release_label as release,
    min(release_order) as release_order,
    count(*) as dins,
    count(*) filter (where state = 'open') as open,
    count(*) filter (where state = 'closed') as closed
from dins_in_view($releases::varchar[], $statuses::varchar[], $raised_by::varchar[], $q::varchar, $raised_from::date, $raised_to::date)
group by release_label
order by release_order, release
