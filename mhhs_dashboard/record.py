"""The meeting's own record: decisions, actions, action updates and notes captured in chair mode, kept in the data
directory one file per entry, and published into the action log and decisions register.

```
<data dir>/record/<meeting ref>/<entry id>.json      one captured entry (written atomically, never shared)
<data dir>/record/<meeting ref>/_published.json      the meeting's publication, once published
<data dir>/record/<meeting ref>/_draft-<key>.json    what one person has typed on one item, not yet saved
```

Each entry is its own file, so two people capturing at once never overwrite each other; an edit names the
version it was made against and is refused if someone else changed the entry meanwhile (checked under the data
directory's writer lock, files.Folder.locked, which also makes numbering safe). New actions are numbered in the
group's own scheme at capture (DAG36-01, DAG36-02, ...) and decisions as the register numbers them
(DAG-2024-05-08-05): a reference, once given, is never given again, even to a withdrawn entry.

`publish` writes new snapshots of the action log and the decisions register as at the meeting's date, built on
the snapshots before it, through snapshots.publish (locked, atomic, logged), so the workspace's undo list takes
them back like any load. A second publish is refused unless asked for as a correction, which rebuilds both
snapshots from the record as it now stands and replaces the first (set aside, restorable): never a duplicate.
A draft keeps what the capture panel holds as it is typed (each field as the person leaves it), so a reload, a
restart or another replica gives back a half-typed entry too; Save turns it into an entry and drops it.
No Streamlit here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from mhhs_dashboard import audit, reads, schema, snapshots, store
from mhhs_dashboard.files import DataDir, DataDirError, Folder, folder

RECORD_DIR = "record"
PUBLISHED = "_published.json"
KINDS: dict[str, str] = {
    "decision": "Decision or recommendation",
    "action": "New action",
    "action_update": "Update to an action",
    "note": "Note for the minutes",
}
# each kind's fields, and which of them must be given
FIELDS: dict[str, tuple[str, ...]] = {
    "decision": ("kind", "title", "outcome", "refs", "decided_by"),
    "action": ("action", "owner", "due_date"),
    "action_update": ("action_ref", "status", "update"),
    "note": ("text",),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "decision": ("kind", "outcome"),
    "action": ("action", "owner", "due_date"),
    "action_update": ("action_ref", "status"),
    "note": ("text",),
}
MEETING_REF = re.compile(r"^([A-Za-z]+)\s*#?\s*(\d+)$")
MAX_TEXT = 4000  # characters in one field: a paragraph of minutes, not a pasted document
VIA = "web"


class RecordError(Exception):
    """A capture, edit or publish refused: one line naming the meeting or entry and what is wrong."""


class Conflict(RecordError):
    """An edit made against a version of an entry that someone else has changed since."""


@dataclass(frozen=True)
class Meeting:
    """A meeting whose record is kept: its reference (DAG36), group, date and title, and the group's next meeting."""

    ref: str
    group: str
    date: dt.date
    title: str
    next: tuple[dt.date, str] | None = None


@dataclass(frozen=True)
class Entry:
    """One captured entry: its kind, the agenda item it belongs to, its fields, the reference it was given (an
    action's DAG36-01, a decision's id; '' for an update or a note), who wrote and last changed it, its version."""

    entry_id: str
    meeting: str
    kind: str
    item_order: int
    item: str
    fields: dict[str, str]
    ref: str = ""
    author: str = ""
    version: int = 1
    created: str = ""
    updated: str = ""
    updated_by: str = ""
    withdrawn: bool = False


@dataclass(frozen=True)
class Publication:
    """A meeting's record as published: when, by whom, as at which date, what it put in each register."""

    meeting: str
    who: str
    when: str
    as_at: str
    state: str  # 'publishing' (under way) or 'published'
    corrections: int = 0
    actions_added: list[str] = field(default_factory=list)
    actions_updated: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    entries: list[dict[str, object]] = field(default_factory=list)  # the entries as published

    def published_entries(self) -> list[Entry]:
        return [Entry(**e) for e in self.entries]  # type: ignore[arg-type]


# ---------------------------------------------------------------- the meeting


def meeting_of(data_dir: DataDir, ref: str) -> Meeting:
    """The meeting called `ref` ('DAG36', 'DAG #36') in the meetings log; RecordError naming those held if none."""
    m = MEETING_REF.match(ref.strip())
    if not m:
        raise RecordError(f"meeting {ref!r}: expected a group and a number, such as DAG36")
    group, number = m.group(1).upper(), int(m.group(2))
    run = reads.on(store.open_store(data_dir).con)
    log = reads.meetings_log(run, (group,))
    wanted = f"{group}{number}"
    found = log[log["meeting_ref"].fillna("").str.upper().str.replace(" ", "") == wanted]
    if found.empty:
        known = ", ".join(str(r) for r in log["meeting_ref"].dropna()) or "none"
        raise RecordError(f"meeting {ref!r}: not in the meetings log (logged {group} meetings: {known})")
    row = found.iloc[0]
    day = pd.Timestamp(row["meeting_date"]).date()
    nxt = reads.next_meeting(run, day + dt.timedelta(days=1), group)
    return Meeting(wanted, group, day, str(row["title"]), nxt)


def meeting_for(run: reads.Runner, group: str, day: dt.date) -> Meeting | None:
    """The meeting a pack as at `day` is for (the group's first on or after it), if the log gives its reference."""
    nxt = reads.next_meeting(run, day, group)
    if nxt is None:
        return None
    log = reads.meetings_log(run, (group,))
    row = log[pd.to_datetime(log["meeting_date"]).dt.date == nxt[0]]
    refs = row["meeting_ref"].dropna()
    if refs.empty:
        return None
    after = reads.next_meeting(run, nxt[0] + dt.timedelta(days=1), group)
    return Meeting(str(refs.iloc[0]).replace(" ", "").upper(), group, nxt[0], nxt[1], after)


# ---------------------------------------------------------------- entries on disk


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _place(where: Folder, ref: str, name: str = "") -> str:
    return where.path(RECORD_DIR, ref, name) if name else where.path(RECORD_DIR, ref)


def _entry_path(where: Folder, ref: str, entry_id: str) -> str:
    if not re.fullmatch(r"[0-9A-Za-z-]+", entry_id):
        raise RecordError(f"{entry_id!r} is not an entry id")
    return _place(where, ref, f"{entry_id}.json")


def _write(where: Folder, path: str, data: dict[str, object]) -> None:
    with where.writing(path):
        where.write_atomically(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def _read_entry(where: Folder, path: str) -> Entry:
    try:
        kept = json.loads(where.read_bytes(path))
        known = {f.name for f in dataclasses.fields(Entry)}
        return Entry(**{k: v for k, v in kept.items() if k in known})
    except (OSError, ValueError, TypeError, pa.ArrowException) as e:
        raise RecordError(f"{where.shown(path)}: cannot read this captured entry ({type(e).__name__})") from e


def entries(data_dir: DataDir, ref: str, *, withdrawn: bool = True) -> list[Entry]:
    """The meeting's captured entries, by agenda item then as captured (without the withdrawn, if asked)."""
    where = folder(data_dir)
    paths = sorted(
        f.path
        for f in where.files(_place(where, ref))
        if f.path.endswith(".json") and not f.path.rpartition("/")[2].startswith(("_", "."))
    )
    found = [_read_entry(where, p) for p in paths]
    found = [e for e in found if withdrawn or not e.withdrawn]
    return sorted(found, key=lambda e: (e.item_order, e.created, e.entry_id))


def _draft_path(where: Folder, ref: str, who: str, item_order: int, kind: str) -> str:
    key = hashlib.sha256(f"{who}\n{int(item_order)}\n{kind}".encode()).hexdigest()[:20]
    return _place(where, ref, f"_draft-{key}.json")


def as_text(value: object) -> str:
    """A field's value as the record keeps it: text, a date as YYYY-MM-DD, nothing as ''."""
    return "" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value)


def draft(data_dir: DataDir, ref: str, who: str, item_order: int, kind: str) -> dict[str, str]:
    """What `who` has typed of a `kind` entry on agenda item `item_order` and not yet saved ({} if nothing, or
    if the draft cannot be read: a draft is a convenience, never a reason to refuse the panel)."""
    where = folder(data_dir)
    try:
        kept = json.loads(where.read_bytes(_draft_path(where, ref, who, item_order, kind)))
        return {n: str(kept["fields"].get(n, "")) for n in FIELDS[kind]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, pa.ArrowException):
        return {}


def keep_draft(data_dir: DataDir, ref: str, who: str, item_order: int, kind: str, fields: Mapping[str, object]) -> None:
    """Keep what `who` has typed so far (written atomically, over the draft before it)."""
    where = folder(data_dir)
    values = {n: as_text(fields.get(n)) for n in FIELDS[kind]}
    kept = {"who": who, "item_order": int(item_order), "kind": kind, "fields": values, "at": _now()}
    _write(where, _draft_path(where, ref, who, item_order, kind), kept)


def drop_draft(data_dir: DataDir, ref: str, who: str, item_order: int, kind: str) -> None:
    """The draft is saved as an entry, or given up: gone."""
    where = folder(data_dir)
    where.discard(_draft_path(where, ref, who, item_order, kind))


def _clean(kind: str, fields: Mapping[str, object], known_actions: set[str]) -> dict[str, str]:
    """The entry's fields trimmed and checked; RecordError naming the first that is missing or wrong."""
    if kind not in FIELDS:
        raise RecordError(f"{kind!r} is not a kind of entry (expected one of: {', '.join(FIELDS)})")
    out = {}
    for name in FIELDS[kind]:
        value = fields.get(name)
        text = as_text(value).strip()
        if len(text) > MAX_TEXT:
            raise RecordError(f"{KINDS[kind]}: {name} is {len(text):,} characters, more than {MAX_TEXT:,}")
        out[name] = text
    missing = [n for n in REQUIRED[kind] if not out[n]]
    if missing:
        raise RecordError(f"{KINDS[kind]}: {', '.join(missing).replace('_', ' ')} must be given")
    if kind == "decision" and out["kind"] not in schema.DECISION_KINDS:
        raise RecordError(f"decision kind {out['kind']!r} is not one of: {', '.join(schema.DECISION_KINDS)}")
    if kind == "action":
        try:
            out["due_date"] = dt.date.fromisoformat(out["due_date"]).isoformat()
        except ValueError:
            raise RecordError(f"new action: due date {out['due_date']!r} is not a date (YYYY-MM-DD)") from None
    if kind == "action_update":
        out["action_ref"] = out["action_ref"].upper()
        if out["status"] not in schema.ACTION_STATUSES:
            raise RecordError(f"action status {out['status']!r} is not one of: {', '.join(schema.ACTION_STATUSES)}")
        if out["action_ref"] not in known_actions:
            raise RecordError(f"update to an action: {out['action_ref']} is not in the action log nor raised here")
    return out


def _latest_keys(data_dir: DataDir, table: str, before: dt.date | None = None) -> list[str]:
    """The key column of a table's newest snapshot (before `before`, if given): for numbering and checking."""
    spec = schema.TABLES[table]
    snaps = [s for s in store.list_snapshots(data_dir, table) if before is None or s.as_at < before]
    if not snaps:
        return []
    raw = pq.read_table(pa.BufferReader(folder(data_dir).read_bytes(snaps[-1].path)), columns=[spec.key[0]])
    return [str(v) for v in raw.column(0).to_pylist() if v is not None]


def _next_number(prefix: str, taken: list[str]) -> int:
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$", re.IGNORECASE)
    numbers = [int(m.group(1)) for t in taken if (m := pattern.match(t))]
    return max(numbers, default=0) + 1


def _new_ref(data_dir: DataDir, meeting: Meeting, kind: str, captured: list[Entry]) -> str:
    """The next reference for a new action (DAG36-01) or decision (DAG-2024-05-08-05): after every one in the
    register and every one given in this record already."""
    mine = [e.ref for e in captured if e.kind == kind]
    if kind == "action":
        prefix = f"{meeting.ref}-"
        return f"{prefix}{_next_number(prefix, _latest_keys(data_dir, 'actions') + mine):02d}"
    if kind == "decision":
        prefix = f"{meeting.group}-{meeting.date.isoformat()}-"
        return f"{prefix}{_next_number(prefix, _latest_keys(data_dir, 'decisions') + mine):02d}"
    return ""


def _known_actions(data_dir: DataDir, captured: list[Entry]) -> set[str]:
    return {r.upper() for r in _latest_keys(data_dir, "actions")} | {e.ref for e in captured if e.kind == "action"}


def capture(
    data_dir: DataDir, meeting: Meeting, kind: str, item_order: int, item: str, fields: Mapping[str, object], who: str
) -> Entry:
    """Save a new entry for agenda item `item_order` (`item` its title) as `who`; its reference is given here."""
    if not who:
        raise RecordError("only a signed-in secretary or PMO member can capture the meeting's record")
    where = folder(data_dir)
    with where.locked(who):
        captured = entries(data_dir, meeting.ref)
        clean = _clean(kind, fields, _known_actions(data_dir, captured))
        when = _now()
        stamp = dt.datetime.fromisoformat(when).strftime("%Y%m%dT%H%M%S%fZ")
        entry = Entry(
            entry_id=f"{stamp}-{uuid.uuid4().hex[:8]}",
            meeting=meeting.ref,
            kind=kind,
            item_order=int(item_order),
            item=item,
            fields=clean,
            ref=_new_ref(data_dir, meeting, kind, captured),
            author=who,
            created=when,
            updated=when,
            updated_by=who,
        )
        _write(where, _entry_path(where, meeting.ref, entry.entry_id), dataclasses.asdict(entry))
    return entry


def edit(
    data_dir: DataDir,
    ref: str,
    entry_id: str,
    expected_version: int,
    who: str,
    *,
    fields: Mapping[str, object] | None = None,
    item_order: int | None = None,
    item: str | None = None,
    withdrawn: bool | None = None,
) -> Entry:
    """Change an entry made at `expected_version`; Conflict if someone else changed it meanwhile. Its kind and
    reference never change; withdrawing keeps the file (and the reference, never given again)."""
    if not who:
        raise RecordError("only a signed-in secretary or PMO member can edit the meeting's record")
    where = folder(data_dir)
    path = _entry_path(where, ref, entry_id)
    with where.locked(who):
        if not where.exists(path):
            raise RecordError(f"{ref}: there is no captured entry {entry_id}")
        now = _read_entry(where, path)
        if now.version != expected_version:
            raise Conflict(
                f"{now.ref or KINDS[now.kind]} was changed by {now.updated_by or 'someone'} at "
                f"{now.updated[:19].replace('T', ' ')}Z (now version {now.version}, you edited version "
                f"{expected_version}): nothing was saved; reload to see their change, then edit again"
            )
        captured = entries(data_dir, ref)
        merged = {**now.fields, **(fields or {})}
        clean = _clean(now.kind, merged, _known_actions(data_dir, captured))
        changed = dataclasses.replace(
            now,
            fields=clean,
            item_order=now.item_order if item_order is None else int(item_order),
            item=now.item if item is None else item,
            withdrawn=now.withdrawn if withdrawn is None else withdrawn,
            version=now.version + 1,
            updated=_now(),
            updated_by=who,
        )
        _write(where, path, dataclasses.asdict(changed))
    return changed


# ---------------------------------------------------------------- publishing


def published(data_dir: DataDir, ref: str) -> Publication | None:
    """The meeting's publication, if it has been published (or a publish is under way)."""
    where = folder(data_dir)
    path = _place(where, ref, PUBLISHED)
    if not where.exists(path):
        return None
    try:
        return Publication(**json.loads(where.read_bytes(path)))
    except (OSError, ValueError, TypeError) as e:
        raise RecordError(f"{where.shown(path)}: cannot read the meeting's publication ({type(e).__name__})") from e


def _base(data_dir: DataDir, table: str, as_at: dt.date) -> pd.DataFrame:
    """The table's newest snapshot before the meeting's date, in the schema's columns: what the record builds on."""
    spec = schema.TABLES[table]
    snaps = [s for s in store.list_snapshots(data_dir, table) if s.as_at < as_at]
    if not snaps:
        return store.arrow_schema(spec).empty_table().to_pandas()
    raw = pq.read_table(pa.BufferReader(folder(data_dir).read_bytes(snaps[-1].path)))
    frame = raw.to_pandas()
    for col in spec.columns:
        if col not in frame:
            frame[col] = None
    return frame[list(spec.columns)]


def _upsert(base: pd.DataFrame, rows: Sequence[Mapping[str, object]], key: str) -> pd.DataFrame:
    new = pd.DataFrame(rows, columns=base.columns)
    kept = base[~base[key].astype(str).str.upper().isin({str(r[key]).upper() for r in rows})]
    return pd.concat([kept, new], ignore_index=True) if len(kept) else new


def frames(data_dir: DataDir, meeting: Meeting, captured: list[Entry]) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The action log and decisions register as the meeting leaves them (built on the snapshots before it, so a
    correction rebuilds from the same start), and the references of the actions updated."""
    live = [e for e in captured if not e.withdrawn]
    actions = _base(data_dir, "actions", meeting.date)
    raised = [
        {
            "action_ref": e.ref,
            "group_code": meeting.group,
            "meeting": meeting.ref,
            "action": e.fields["action"],
            "owner": e.fields["owner"],
            "due_date": dt.date.fromisoformat(e.fields["due_date"]),
            "status": "OPEN",
            "latest_update": None,
        }
        for e in live
        if e.kind == "action"
    ]
    actions = _upsert(actions, raised, "action_ref") if raised else actions
    updated = []
    for e in (e for e in live if e.kind == "action_update"):
        at = actions["action_ref"].astype(str).str.upper() == e.fields["action_ref"]
        if not at.any():
            raise RecordError(f"{meeting.ref}: the update to {e.fields['action_ref']} names an action not in the log")
        actions.loc[at, "status"] = e.fields["status"]
        if e.fields["update"]:
            actions.loc[at, "latest_update"] = f"{meeting.ref}: {e.fields['update']}"
        updated.append(e.fields["action_ref"])
    decisions = _base(data_dir, "decisions", meeting.date)
    made = [
        {
            "decision_id": e.ref,
            "group_code": meeting.group,
            "meeting_date": meeting.date,
            "kind": e.fields["kind"],
            "decided_by": e.fields["decided_by"] or meeting.group,
            "refs": " ".join(e.fields["refs"].replace(",", " ").split()) or None,
            "title": e.fields["title"] or e.item,
            "outcome": e.fields["outcome"],
            "item_order": e.item_order,
            "headline": True,
        }
        for e in live
        if e.kind == "decision"
    ]
    decisions = _upsert(decisions, made, "decision_id") if made else decisions
    return actions, decisions, list(dict.fromkeys(updated))


def _claim(data_dir: DataDir, meeting: Meeting, who: str, correction: bool) -> Publication | None:
    """Under the writer lock: refuse a second publish (unless a correction), and mark this one under way.
    Returns the publication it follows (a correction's), or None."""
    where = folder(data_dir)
    with where.locked(who):
        before = published(data_dir, meeting.ref)
        if before and not correction:
            doing = "is being published" if before.state == "publishing" else "was published"
            raise RecordError(
                f"{meeting.ref} {doing} by {before.who} at {before.when[:16].replace('T', ' ')}Z: publishing again "
                "would duplicate it; publish a correction instead (it replaces the published snapshots)"
            )
        if not before:
            taken = [
                t
                for t in ("actions", "decisions")
                if any(s.as_at == meeting.date for s in store.list_snapshots(data_dir, t))
            ]
            if taken:
                names = " and ".join(schema.TABLES[t].title for t in taken)
                raise RecordError(
                    f"{meeting.ref}: a {names} snapshot as at {meeting.date} is already loaded; the record is "
                    "published as at the meeting's date, so remove that snapshot first (workspace, undo)"
                )
        claim = Publication(meeting.ref, who, _now(), meeting.date.isoformat(), "publishing")
        if before:
            claim = dataclasses.replace(before, state="publishing")
        _write(where, _place(where, meeting.ref, PUBLISHED), dataclasses.asdict(claim))
    return before


def publish(data_dir: DataDir, meeting: Meeting, who: str, *, correction: bool = False, via: str = VIA) -> Publication:
    """Publish the meeting's record: new snapshots of the action log and decisions register as at the meeting's
    date (snapshots.publish: locked, atomic, each logged as a load), and one audit row for the publication.
    A second publish is refused unless `correction`; either both snapshots go live or neither."""
    if not who:
        raise RecordError("only a signed-in secretary or PMO member can publish the meeting's record")
    captured = entries(data_dir, meeting.ref)
    if not [e for e in captured if not e.withdrawn] and not correction:
        raise RecordError(f"{meeting.ref}: nothing has been captured to publish")
    actions, decisions, updated = frames(data_dir, meeting, captured)
    where = folder(data_dir)
    before = _claim(data_dir, meeting, who, correction)
    done: list[tuple[str, snapshots.Published]] = []
    report = {"file": f"meeting record {meeting.ref}", "source": "record", "meeting": meeting.ref}
    try:
        for table, frame in (("actions", actions), ("decisions", decisions)):
            out = snapshots.publish(
                data_dir,
                table,
                meeting.date,
                frame,
                {**report, "rows_stored": len(frame)},
                source=_place(where, meeting.ref),
                replace=correction,
                allow_shrink=correction,  # a correction drops exactly the entries withdrawn since
                shown_as=f"meeting record {meeting.ref}",
                who=who,
                via=via,
            )
            done.append((table, out))
    except (snapshots.Refused, store.StoreError, DataDirError, OSError) as e:
        _back_out(data_dir, meeting, done, before, who, via)
        audit.try_record(
            data_dir,
            audit.Entry("publish", "refused", "record", meeting.date.isoformat(), meeting.ref, detail=str(e), who=who),
        )
        raise RecordError(f"{meeting.ref}: not published: {e}") from None
    live = [e for e in captured if not e.withdrawn]
    pub = Publication(
        meeting.ref,
        who,
        _now(),
        meeting.date.isoformat(),
        "published",
        corrections=(before.corrections + 1) if before else 0,
        actions_added=[e.ref for e in live if e.kind == "action"],
        actions_updated=updated,
        decisions=[e.ref for e in live if e.kind == "decision"],
        entries=[dataclasses.asdict(e) for e in live],
    )
    with where.locked(who):  # a writer holding the lock clears temporary files it did not make
        _write(where, _place(where, meeting.ref, PUBLISHED), dataclasses.asdict(pub))
    detail = (
        f"{len(pub.actions_added)} actions raised ({', '.join(pub.actions_added) or 'none'}), "
        f"{len(updated)} updated, {len(pub.decisions)} decisions"
    )
    audit.try_record(
        data_dir,
        audit.Entry(
            "publish",
            "corrected" if before else "published",
            "record",
            meeting.date.isoformat(),
            f"meeting record {meeting.ref}",
            rows=len(live),
            detail=detail,
            who=who,
            via=via,
        ),
    )
    return pub


def _back_out(
    data_dir: DataDir,
    meeting: Meeting,
    done: list[tuple[str, snapshots.Published]],
    before: Publication | None,
    who: str,
    via: str,
) -> None:
    """Take back the snapshots a failed publish made live, and its claim: as it was before."""
    for table, out in reversed(done):
        try:
            if out.set_aside:
                snapshots.restore(data_dir, table, meeting.date, who=who, via=via)
            else:
                snapshots.remove(data_dir, table, meeting.date, who=who, via=via)
        except (store.StoreError, DataDirError, OSError):
            pass  # the first fault is the one reported; the undo list shows what is live
    where = folder(data_dir)
    path = _place(where, meeting.ref, PUBLISHED)
    with where.locked(who):
        if before:
            _write(where, path, dataclasses.asdict(before))
        else:
            where.discard(path)


def unpublish(data_dir: DataDir, meeting: Meeting, who: str, *, via: str = VIA) -> str:
    """Undo a publication: take both of its snapshots out of use (set aside, restorable, as the workspace's undo
    does) and mark the record unpublished, so it can be corrected and published again. One line saying what."""
    pub = published(data_dir, meeting.ref)
    if pub is None:
        raise RecordError(f"{meeting.ref} has not been published: nothing to undo")
    removed = []
    for table in ("actions", "decisions"):
        if any(s.as_at == meeting.date for s in store.list_snapshots(data_dir, table)):
            aside = snapshots.remove(data_dir, table, meeting.date, who=who, via=via)
            removed.append(f"{schema.TABLES[table].title} (set aside as {aside.id})")
    where = folder(data_dir)
    where.discard(_place(where, meeting.ref, PUBLISHED))
    audit.try_record(
        data_dir,
        audit.Entry(
            "unpublish", "undone", "record", meeting.date.isoformat(), f"meeting record {meeting.ref}", who=who, via=via
        ),
    )
    return f"Undid the publication of {meeting.ref}: removed {' and '.join(removed) or 'no snapshot'}."
