-- dins_by_month: one row per calendar month from the first DIN raised to the log's as-at date, for the page's view.
-- raised and closed in the month; open at the month's end (or at the as-at date for the last month).
-- params: $releases, $statuses, $raised_by (varchar[] each; empty = all), $q (varchar; id or title contains; empty = all),
-- params: $raised_from, $raised_to (date, inclusive; null = open-ended)
with in_view as (
    select raised_date, closed_date
    from dins_in_view($releases::varchar[], $statuses::varchar[], $raised_by::varchar[], $q::varchar, $raised_from::date, $raised_to::date)
),

months as (
    select unnest(generate_series(
        date_trunc('month', (select min(raised_date) from in_view)),
        date_trunc('month', as_at_of('din_log')),
        interval 1 month
    ))::date as month
),

month_ends as (
    select month, least(last_day(month), as_at_of('din_log')) as month_end
    from months
),

raised as (
    select date_trunc('month', raised_date)::date as month, count(*) as raised
    from in_view
    group by 1
),

closed as (
    select date_trunc('month', closed_date)::date as month, count(*) as closed
    from in_view
    where closed_date is not null
    group by 1
),

open_at_end as (
    select e.month, count(v.raised_date) as open_at_month_end
    from month_ends as e
    left join in_view as v
        on v.raised_date <= e.month_end and (v.closed_date is null or v.closed_date > e.month_end)
    group by e.month
)

select
    e.month,
    e.month_end,
    coalesce(r.raised, 0) as raised,
    coalesce(c.closed, 0) as closed,
    coalesce(o.open_at_month_end, 0) as open_at_month_end
from month_ends as e
left join raised as r on r.month = e.month
left join closed as c on c.month = e.month
left join open_at_end as o on o.month = e.month
order by e.month
