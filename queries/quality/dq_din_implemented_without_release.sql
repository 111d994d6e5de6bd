-- dq_din_implemented_without_release: one row per DIN marked Implemented that names no target release.
-- params: none
select
    'din_log' as table_name,
    din_id as row_key,
    'implemented with no release' as problem,
    'raised ' || coalesce(strftime(raised_date, '%d %b %Y'), '?') || ', closed ' || coalesce(strftime(closed_date, '%d %b %Y'), '?')
        as detail
from dins
where status = 'Implemented' and release is null
order by din_id
