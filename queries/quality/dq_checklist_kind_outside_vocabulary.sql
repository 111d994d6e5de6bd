-- dq_checklist_kind_outside_vocabulary: one row per checklist item whose kind is none of schema.CHECKLIST_KINDS.
-- params: none
select
    'checklist' as table_name,
    coalesce(c.item_id, '(blank)') as row_key,
    'kind outside the vocabulary' as problem,
    coalesce('"' || c.kind || '"', 'blank kind') as detail
from checklist as c
left join checklist_kinds as k on k.kind = lower(norm_label(c.kind))
where k.kind is null
order by row_key
