-- risks_linked_to_cr: one row per programme risk linked to the change request $cr, by its linked_cr or by naming the
-- CR in its title.
-- params: $cr (varchar; a CR reference such as CR045)
select
    risk_id,
    title,
    linked_cr,
    status,
    raised_date,
    owner
from risks
where
    linked_cr = $cr
    or regexp_matches(title, '(^|[^A-Za-z0-9_])' || regexp_escape($cr) || '($|[^A-Za-z0-9_])')
order by risk_id
