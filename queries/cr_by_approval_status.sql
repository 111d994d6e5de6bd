-- cr_by_approval_status: one row per approval status present in the CR register.
-- params: none
select
    norm_label(approval_status) as approval_status,
    count(*) as crs
from change_requests
group by all
order by crs desc, approval_status
