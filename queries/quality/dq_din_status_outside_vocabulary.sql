-- dq_din_status_outside_vocabulary: one row per DIN whose status is none of the eight programme statuses (or blank).
-- Such a DIN counts in the total but neither as open nor as closed.
-- params: none
select
    'din_log' as table_name,
    din_id as row_key,
    'status outside the vocabulary' as problem,
    coalesce('"' || status || '"', 'blank status') as detail
from dins
where state = 'unknown'
order by din_id
