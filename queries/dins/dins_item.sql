-- dins_item: one row for the DIN $din_id in the latest snapshot (none if it is not there; more if the id repeats).
-- params: $din_id (varchar)
select
    din_id,
    title,
    status,
    state,
    release_label as release,
    release_raw,
    raised_date,
    raised_by,
    closed_date,
    artefact,
    coalesce(illustrative, false) as illustrative
from dins
where din_id = $din_id
