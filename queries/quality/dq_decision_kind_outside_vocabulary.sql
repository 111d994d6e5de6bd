-- dq_decision_kind_outside_vocabulary: one row per decision whose kind is none of schema.DECISION_KINDS (or blank).
-- params: none
select
    'decisions' as table_name,
    coalesce(d.decision_id, '(blank)') as row_key,
    'kind outside the vocabulary' as problem,
    coalesce('"' || d.kind || '"', 'blank kind') as detail
from decision_outcomes as d
where d.kind_order = 99
order by row_key
