-- actions_item_history: one row per action-log snapshot that holds the action $ref, oldest first, with the fields
-- that changed since the snapshot before (blank for the first).
-- params: $ref (varchar; an action reference such as DAG35-02)
with snaps as (
    select
        as_at,
        status,
        due_date,
        owner,
        latest_update
    from labelled_actions('actions_history')
    where action_ref = $ref
),

compared as (
    select
        *,
        concat_ws(
            ', ',
            case when status is distinct from lag(status) over w then 'status' end,
            case when due_date is distinct from lag(due_date) over w then 'due date' end,
            case when owner is distinct from lag(owner) over w then 'owner' end,
            case when latest_update is distinct from lag(latest_update) over w then 'latest update' end
        ) as changed,
        row_number() over w as n
    from snaps
    window w as (order by as_at)
)

-- the first snapshot has nothing before it to have changed since
select * exclude (n) replace (case when n = 1 then '' else changed end as changed)
from compared
order by as_at
