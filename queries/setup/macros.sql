-- macros: label normalisation and release order, the one place every query takes them from.
-- params: none (run once when the store opens)

-- norm_label: outer, repeated and non-breaking spaces collapsed; an empty label is no label.
create or replace macro norm_label(s) as
    nullif(trim(regexp_replace(s, '[\s\x{00A0}\x{2007}\x{202F}]+', ' ', 'g')), '');

-- norm_id: an id as ingest stores it ('din-0042 ' is 'DIN-0042'), so snapshots loaded before ids were normalised
-- compare with those after.
create or replace macro norm_id(s) as
    upper(norm_label(s));

-- allows: whether a filter lets `value` through: an empty list of wanted values allows every value.
create or replace macro allows(want, value) as
    (len(want) = 0 or list_contains(want, value));

-- milestone_order: a milestone id's place in the plan (M5 before M10; an id without a number last).
create or replace macro milestone_order(id) as
    coalesce(try_cast(regexp_extract(id, '\d+') as integer), 9999);

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

-- history_members: one row per (row, snapshot) of the table `name`: the row's row_id and the snapshot's as_at.
-- The store keeps each distinct row of a table once (<name>_rows) with the runs of snapshots it stood in (<name>_spans).
create or replace macro history_members(name) as table
select sp.row_id, s.as_at
from query_table(name || '_spans') as sp
inner join snapshots as s on s.table_name = name and s.as_at between sp.first_as_at and sp.last_as_at;

-- members_at: one row per row of the table `name` in its snapshot as at `day` (a snapshot date), by row_id.
-- Cheaper than filtering the history on as_at: it reads the spans once and expands nothing.
create or replace macro members_at(name, day) as table
select sp.row_id
from query_table(name || '_spans') as sp
where day between sp.first_as_at and sp.last_as_at;

-- history_of: one row per (row, snapshot) of the table `name`: the row's columns and the snapshot's as_at.
create or replace macro history_of(name) as table
select r.* exclude (row_id), m.as_at
from history_members(name) as m
inner join query_table(name || '_rows') as r on r.row_id = m.row_id;

-- ref_list: the subject references a decision names, as a list of ids ('CR044, cr045 & M10' -> [CR044, CR045, M10]);
-- written space-, comma-, semicolon-, ampersand-, plus- or slash-separated. Empty text gives an empty list.
create or replace macro ref_list(s) as
    list_filter(string_split_regex(upper(coalesce(norm_label(s), '')), '[\s,;&+/]+'), lambda x: x <> '');

-- changed_fields: the `names` whose values differ between `now` and `before` (two lists in the order of `names`),
-- joined by ', '; blank where there is no `before` (the first snapshot has nothing to have changed since).
create or replace macro changed_fields(now, before, names) as
    case
        when before is null then ''
        else array_to_string(list_filter(names, lambda n, i: now[i] is distinct from before[i]), ', ')
    end;

-- vocabulary_miss: the row a quality check gives for a `field` whose `value` is outside its vocabulary (table_name,
-- row_key, problem, detail: quality.COLUMNS), for `select unnest(...)`; a blank key reads '(blank)'.
create or replace macro vocabulary_miss(table_name, row_key, field, value) as
    struct_pack(
        table_name := table_name,
        row_key := coalesce(row_key, '(blank)'),
        problem := field || ' outside the vocabulary',
        detail := coalesce('"' || value || '"', 'blank ' || field)
    );
