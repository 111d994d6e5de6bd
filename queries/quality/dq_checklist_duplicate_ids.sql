-- dq_checklist_duplicate_ids: one row per participant checklist row whose id is blank or appears more than once.
-- params: none
select * from keys_repeated('checklist')
