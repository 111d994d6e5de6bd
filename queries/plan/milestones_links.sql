-- milestones_links: one row per (milestone, CR or risk) whose text names the milestone: what hangs on it.
-- params: $milestones (varchar[]; empty = all)
--
-- A mention is a milestone id as a whole word (M10, not M100), optionally led by pre/post/before/after
-- ("pre-M10", "post M10", "after M10"). CRs are searched in title, latest action, action if approved,
-- implementation and notes; risks in their title. timing: 'pre', 'post', 'pre and post' or null (a bare mention).
with texts as (
    select 'CR' as kind, cr_ref as ref, title, approval_status as status, 'title' as field, title as body
    from crs
    union all
    select 'CR', cr_ref, title, approval_status, 'latest action', latest_action from crs
    union all
    select 'CR', cr_ref, title, approval_status, 'action if approved', action_if_approved
    from crs
    union all
    select 'CR', cr_ref, title, approval_status, 'implementation', implementation from crs
    union all
    select 'CR', cr_ref, title, approval_status, 'notes', notes from crs
    union all
    select 'risk', risk_id, title, norm_label(status), 'title', title from risks
),

phrases as (
    select
        t.kind,
        t.ref,
        t.title,
        t.status,
        t.field,
        unnest(regexp_extract_all(t.body, '(?i)\b((?:pre|post|before|after)[- ]?)?m\d+\b')) as phrase
    from texts as t
    where t.body is not null
),

mentions as (
    select
        p.kind,
        p.ref,
        p.title,
        p.status,
        p.field,
        upper(regexp_extract(p.phrase, '(?i)m\d+$')) as milestone_id,
        case
            when regexp_matches(p.phrase, '(?i)^(pre|before)') then 'pre'
            when regexp_matches(p.phrase, '(?i)^(post|after)') then 'post'
        end as timing
    from phrases as p
)

select
    m.milestone_id,
    m.kind,
    m.ref,
    any_value(m.title) as title,
    any_value(m.status) as status,
    case
        when bool_or(m.timing = 'pre') and bool_or(m.timing = 'post') then 'pre and post'
        when bool_or(m.timing = 'pre') then 'pre'
        when bool_or(m.timing = 'post') then 'post'
    end as timing,
    array_to_string(list_sort(list_distinct(list(coalesce(m.timing || '-', '') || m.milestone_id))), ', ') as mentions,
    array_to_string(list_sort(list_distinct(list(m.field))), ', ') as found_in
from mentions as m
where allows($milestones::varchar[], m.milestone_id)
group by m.milestone_id, m.kind, m.ref
order by milestone_order(m.milestone_id), m.milestone_id, m.kind, m.ref
