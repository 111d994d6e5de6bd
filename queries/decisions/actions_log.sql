-- actions_log: one row per action, open ones first, then by reference; overdue judged at the log's as-at date.
-- params: $groups, $statuses, $owners, $refs (varchar[] each; empty = all)
select
    action_ref,
    group_code,
    meeting,
    action,
    owner,
    due_date,
    status,
    state,
    overdue,
    latest_update,
    as_at
from actions_in_view($groups::varchar[], $statuses::varchar[], $owners::varchar[])
where allows($refs::varchar[], action_ref)
order by status_order, action_ref
