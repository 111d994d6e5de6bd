-- dq_decision_duplicate_ids: one row per decisions log row whose id is blank or appears more than once.
-- params: none
select * from keys_repeated('decisions')
