-- dq_risk_cr_missing: one row per risk linked to a CR that is not in the CR register.
-- params: none
select
    'risks' as table_name,
    r.risk_id as row_key,
    'linked CR not in the register' as problem,
    'linked_cr "' || r.linked_cr || '"' as detail
from risks as r
left join change_requests as c on c.cr_ref = r.linked_cr
where norm_label(r.linked_cr) is not null and c.cr_ref is null
order by r.risk_id
