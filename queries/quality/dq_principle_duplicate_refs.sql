-- dq_principle_duplicate_refs: one row per design principle row whose ref is blank or appears more than once.
-- params: none
select * from keys_repeated('principles')
