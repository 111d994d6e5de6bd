-- dq_decision_kind_outside_vocabulary: one row per decision whose kind is none of schema.DECISION_KINDS (or blank).
-- params: none
select unnest(miss)
from (select vocabulary_miss('decisions', decision_id, 'kind', kind) as miss from decision_outcomes where kind_order = 99)
order by miss.row_key
