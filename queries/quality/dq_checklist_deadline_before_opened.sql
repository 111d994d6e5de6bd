-- dq_checklist_deadline_before_opened: one row per checklist item whose deadline is before the date it opened.
-- params: none
select
    'checklist' as table_name,
    coalesce(item_id, '(blank)') as row_key,
    'deadline before it opened' as problem,
    'opened ' || strftime(opened_date, '%Y-%m-%d') || ', deadline ' || strftime(deadline, '%Y-%m-%d') as detail
from checklist
where deadline < opened_date
order by row_key
