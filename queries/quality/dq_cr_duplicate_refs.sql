-- dq_cr_duplicate_refs: one row per CR register row whose reference is blank or appears more than once.
-- params: none
select * from keys_repeated('change_requests')
