-- dq_action_duplicate_refs: one row per action log row whose reference is blank or appears more than once.
-- params: none
select * from keys_repeated('actions')
