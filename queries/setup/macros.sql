-- macros: label normalisation and release order, the one place every query takes them from.
-- params: none (run once when the store opens)

-- norm_label: outer, repeated and non-breaking spaces collapsed; an empty label is no label.
create or replace macro norm_label(s) as
    nullif(trim(regexp_replace(s, '[\s\x{00A0}\x{2007}\x{202F}]+', ' ', 'g')), '');

-- norm_release: a target-release label in its canonical spelling ("interim release 5.2 " -> "Interim Release 5.2").
create or replace macro norm_release(s) as
    case
        when regexp_full_match(norm_label(s), '(?i)(interim release|ir) ?\d+(\.\d+)?')
            then 'Interim Release ' || regexp_extract(norm_label(s), '\d+(\.\d+)?')
        when regexp_full_match(norm_label(s), '(?i)post[ -]go[ -]live release tbc')
            then 'Post Go-live Release TBC'
        else norm_label(s)
    end;

-- release_code: the short code of a release label ("Interim Release 7.3" -> "IR7.3"), null for other labels.
create or replace macro release_code(s) as
    case
        when starts_with(norm_release(s), 'Interim Release ')
            then 'IR' || regexp_extract(norm_release(s), '\d+(\.\d+)?')
    end;

-- release_order: natural order of releases (IR2 < IR2.1 < IR2.3 < IR3 < ... < IR8.1 < Post Go-live), no release last.
create or replace macro release_order(s) as
    case
        when norm_release(s) is null then 1000000000
        when starts_with(norm_release(s), 'Interim Release ')
            then cast(regexp_extract(norm_release(s), '(\d+)', 1) as integer) * 10000
                + coalesce(try_cast(regexp_extract(norm_release(s), '\.(\d+)', 1) as integer), 0)
        when norm_release(s) = 'Post Go-live Release TBC' then 900000000
        else 800000000
    end;

-- label_difference: how a source label differs from its canonical spelling, in words (null when it does not).
create or replace macro label_difference(raw, canonical) as
    case
        when raw is null or raw = canonical then null
        when canonical is null then 'blank label'
        else nullif(concat_ws(', ',
            case when regexp_matches(raw, '[\x{00A0}\x{2007}\x{202F}]') then 'non-breaking space' end,
            case when regexp_matches(raw, '\s$') then 'trailing space' end,
            case when regexp_matches(raw, '^\s') then 'leading space' end,
            case when regexp_matches(trim(raw), '\s{2,}') then 'repeated spaces' end,
            case when norm_label(raw) <> canonical and lower(norm_label(raw)) = lower(canonical) then 'case' end,
            case when lower(norm_label(raw)) <> lower(canonical) then 'spelling' end
        ), '')
    end;
