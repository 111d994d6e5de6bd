-- crs_by_approval_status: one row per approval status present in the CR register.
-- params: none
select
    approval_status,
    count(*) as crs
from crs
group by all
order by crs desc, approval_status
