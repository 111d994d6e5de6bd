-- dq_checklist_kind_outside_vocabulary: one row per checklist item whose kind is none of schema.CHECKLIST_KINDS.
-- params: none
select unnest(miss)
from (
    select vocabulary_miss('checklist', c.item_id, 'kind', c.kind) as miss
    from checklist as c
    left join checklist_kinds as k on k.kind = lower(norm_label(c.kind))
    where k.kind is null
)
order by miss.row_key
