-- agenda_items_of_meeting: one row per item of one meeting's agenda, in order: the items dated for it (objective, type,
-- lead, start, minutes, end), else the group's standing items (standing = true). end_time is start plus minutes.
-- params: $group (varchar; group code, any case), $meeting_date (date)
with dated as (
    select *, false as standing
    from agenda_items
    where norm_id(group_code) = norm_id($group::varchar) and meeting_date = $meeting_date::date and item is not null
),

standing as (
    select *, true as standing
    from agenda_items
    where
        norm_id(group_code) = norm_id($group::varchar) and meeting_date is null and item is not null
        and not exists (select 1 from dated)
)

select
    norm_id(group_code) as group_code,
    $meeting_date::date as meeting_date,
    item,
    lower(coalesce(norm_label(kind), 'agenda')) as kind,
    coalesce(item_order, 0) as item_order,
    objective,
    norm_label(item_type) as item_type,
    norm_label(lead) as lead,
    norm_label(start_time) as start_time,
    minutes,
    strftime(
        try_strptime(norm_label(start_time), '%H:%M') + to_minutes(coalesce(minutes, 0)::bigint), '%H:%M'
    ) as end_time,
    standing
from (select * from dated union all select * from standing)
order by item_order, item
