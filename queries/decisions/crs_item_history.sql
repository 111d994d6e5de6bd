-- crs_item_history: one row per register snapshot that holds the change request $cr, oldest first, with the
-- fields that changed since the snapshot before (blank for the first).
-- params: $cr (varchar; a CR reference such as CR045)
with snaps as (
    select
        as_at,
        latest_action,
        approval_status,
        current_stage,
        decision_body,
        stage_since,
        action_if_approved,
        implementation,
        owners
    from crs_history
    where cr_ref = $cr
),

compared as (
    select
        *,
        concat_ws(
            ', ',
            case when latest_action is distinct from lag(latest_action) over w then 'latest action' end,
            case when approval_status is distinct from lag(approval_status) over w then 'approval status' end,
            case when current_stage is distinct from lag(current_stage) over w then 'stage' end,
            case when decision_body is distinct from lag(decision_body) over w then 'deciding body' end,
            case when action_if_approved is distinct from lag(action_if_approved) over w then 'action if approved' end,
            case when implementation is distinct from lag(implementation) over w then 'implementation' end,
            case when owners is distinct from lag(owners) over w then 'owners' end
        ) as changed,
        row_number() over w as n
    from snaps
    window w as (order by as_at)
)

-- the first snapshot has nothing before it to have changed since
select * exclude (n) replace (case when n = 1 then '' else changed end as changed)
from compared
order by as_at
