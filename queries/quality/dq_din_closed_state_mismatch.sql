-- dq_din_closed_state_mismatch: one row per DIN whose closed date disagrees with its status (closed with no date, open with one).
-- params: none
select
    'din_log' as table_name,
    din_id as row_key,
    case when state = 'closed' then 'closed with no closed date' else 'open with a closed date' end as problem,
    status || coalesce(', closed ' || strftime(closed_date, '%d %b %Y'), '') as detail
from dins
where (state = 'closed' and closed_date is null) or (state = 'open' and closed_date is not null)
order by din_id
