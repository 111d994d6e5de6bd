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
        owners,
        [
            latest_action, approval_status, current_stage, decision_body, action_if_approved, implementation, owners
        ]::varchar[] as compared
    from crs_history
    where cr_ref = $cr
)

select
    * exclude (compared),
    changed_fields(
        compared,
        lag(compared) over (order by as_at),
        [
            'latest action', 'approval status', 'stage', 'deciding body', 'action if approved', 'implementation',
            'owners'
        ]
    ) as changed
from snaps
order by as_at
