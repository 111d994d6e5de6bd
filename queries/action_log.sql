-- action_log: one row per action, open ones first, then by reference; overdue judged at the log's as-at date.
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
from actions_now
where
    (len($groups::varchar[]) = 0 or list_contains($groups::varchar[], group_code))
    and (len($statuses::varchar[]) = 0 or list_contains($statuses::varchar[], status))
    and (len($owners::varchar[]) = 0 or list_contains($owners::varchar[], owner))
    and (len($refs::varchar[]) = 0 or list_contains($refs::varchar[], action_ref))
order by status_order, action_ref
