-- dins_list: one row per DIN in the page's view, narrowed further by a chart selection; newest raised first.
-- params: $releases, $statuses, $raised_by (varchar[] each; empty = all), $q (varchar; id or title contains; empty = all),
-- params: $raised_from, $raised_to (date, inclusive; null = open-ended)
-- params: $pick_releases, $pick_statuses (varchar[] each; the releases / statuses picked in a chart; empty = all)
-- params: $limit (integer; the newest rows returned; null = all). rows_in_view counts every row, however many return.
select
    din_id,
    title,
    status,
    state,
    release_label as release,
    raised_date,
    raised_by,
    closed_date,
    artefact,
    coalesce(illustrative, false) as illustrative,
    'dins?din=' || din_id as link,
    count(*) over () as rows_in_view
from dins_in_view($releases::varchar[], $statuses::varchar[], $raised_by::varchar[], $q::varchar, $raised_from::date, $raised_to::date)
where
    allows($pick_releases::varchar[], release_label)
    and allows($pick_statuses::varchar[], status)
order by raised_date desc nulls last, din_id desc
limit $limit
