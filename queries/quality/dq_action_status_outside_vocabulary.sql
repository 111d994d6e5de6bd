-- dq_action_status_outside_vocabulary: one row per action whose status is none of the action log's statuses (or blank).
-- params: none
select unnest(miss)
from (select vocabulary_miss('actions', action_ref, 'status', status) as miss from actions_now where state = 'unknown')
order by miss.row_key
