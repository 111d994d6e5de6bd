-- dins_release_status_matrix: one row per (target release, status) pair with DINs in the page's view.
-- Releases in natural order ('No release' last), statuses in programme order.
-- params: $releases, $statuses, $raised_by (varchar[] each; empty = all), $q (varchar; id or title contains; empty = all),
-- params: $raised_from, $raised_to (date, inclusive; null = open-ended)
select
    d.release_label as release,
    min(d.release_order) as release_order,
    d.status,
    coalesce(min(s.status_order), 99) as status_order,
    coalesce(min(s.state), 'unknown') as state,
    count(*) as dins
from dins_in_view($releases::varchar[], $statuses::varchar[], $raised_by::varchar[], $q::varchar, $raised_from::date, $raised_to::date) as d
left join din_statuses as s on s.status = d.status
group by d.release_label, d.status
order by release_order, release, status_order, d.status
