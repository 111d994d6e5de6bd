-- milestones_replans: one row per programme replan approved on or before the plan's as-at date, oldest first.
-- params: none
--
-- The replans are reference facts (DOMAIN.md section 1b), kept here beside the queries that use them:
-- CR022 "MHHS Programme Replan": full PSG approval 8 Jun 2023 (Plan v5.0 became the baseline).
-- CR055 "Amendments to M10 and corresponding milestones": Ofgem approval 29 Nov 2024 (+6.5 months to M10).
-- "Now" is the plan's as-at date (as_at_of('milestones')), so a replan after it is not shown.
with replans (cr_ref, title, approved_on, approved_by) as (
    values
        ('CR022', 'MHHS Programme Replan', date '2023-06-08', 'PSG'),
        ('CR055', 'Amendments to M10 and corresponding milestones', date '2024-11-29', 'Ofgem')
)

select
    r.cr_ref,
    r.title,
    r.approved_on,
    r.approved_by
from replans as r
where r.approved_on <= as_at_of('milestones')
order by r.approved_on
