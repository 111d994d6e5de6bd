-- actions_item_history: one row per action-log snapshot that holds the action $ref, oldest first, with the fields
-- that changed since the snapshot before (blank for the first).
-- params: $ref (varchar; an action reference such as DAG35-02)
with snaps as (
    select
        as_at,
        status,
        due_date,
        owner,
        latest_update,
        [status, due_date::varchar, owner, latest_update] as compared
    from labelled_actions('actions_history')
    where action_ref = $ref
)

select
    * exclude (compared),
    changed_fields(
        compared, lag(compared) over (order by as_at), ['status', 'due date', 'owner', 'latest update']
    ) as changed
from snaps
order by as_at
