-- principles_list: one row per high-level design principle (ref 0 to 15), in ref order, with the PRInnn references
-- its references and sub-principles cite as a list.
-- params: none
with cited as (
    select
        *,
        regexp_extract_all(coalesce(refs, '') || ' ' || coalesce(sub_principles, ''), 'PRI\d{3}') as cited
    from principles
)

select
    principle_ref,
    principle,
    norm_label(scope) as scope,
    sub_principles,
    refs,
    list_filter(cited, lambda r, i: list_position(cited, r) = i) as pri_refs  -- each once, in the order cited
from cited
order by principle_ref
