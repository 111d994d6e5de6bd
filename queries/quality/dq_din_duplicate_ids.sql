-- dq_din_duplicate_ids: one row per DIN log row whose id is blank or appears more than once in the latest snapshot.
-- params: none
select * from keys_repeated('din_log')
