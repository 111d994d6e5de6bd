-- dq_din_closed_before_raised: one row per DIN whose closed date is earlier than its raised date.
-- params: none
select
    'din_log' as table_name,
    din_id as row_key,
    'closed before raised' as problem,
    'raised ' || strftime(raised_date, '%d %b %Y') || ', closed ' || strftime(closed_date, '%d %b %Y') as detail
from dins
where closed_date < raised_date
order by din_id
