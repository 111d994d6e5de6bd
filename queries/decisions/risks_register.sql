-- risks_register: one row per programme risk, with the title of the CR it is linked to.
-- params: $risks (varchar[]; risk ids; empty = all)
select
    r.risk_id,
    r.title,
    r.linked_cr,
    c.title as linked_cr_title,
    r.status,
    r.raised_date,
    r.owner
from risks as r
left join change_requests as c on c.cr_ref = r.linked_cr
where allows($risks::varchar[], r.risk_id)
order by r.risk_id
