"""The `mhhs-dashboard` command: stats, sample, ingest, template, snapshots, audit, report, slides, minutes."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from mhhs_dashboard import audit, files, ingest, sample, schema, settings, snapshots
from mhhs_dashboard.files import DataDirError
from mhhs_dashboard.stats import headline
from mhhs_dashboard.store import StoreError, open_store

EXIT_BAD_INPUT = 2


class UserError(Exception):
    """Bad input from the user: printed as one line on stderr, exit status 2."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (expected YYYY-MM-DD)") from None


def cmd_stats(args: argparse.Namespace) -> int:
    """Print the headline figures; JSON with --json, a short summary otherwise."""
    store = open_store(settings.data_dir(args.data_dir), args.as_at, strict=True)
    figures = headline(store)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        d = figures["dins"]
        print(f"DINs: {d['total']} recorded, {d['open']} open, {d['closed']} closed")
        crs = ", ".join(f"{k} {v}" for k, v in figures["change_requests"]["by_approval_status"].items())
        print(f"CRs: {figures['change_requests']['total']} ({crs})")
        for group, s in figures["seats"].items():
            print(f"{group}: {s['filled']} of {s['total']} seats filled")
        a = figures["actions"]
        print(f"Actions: {a['total']} in the log, {a['open']} open, {a['overdue']} overdue")
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    """Rebuild the embedded default data (the DAG #36 pack) in the data directory."""
    target = settings.data_dir(args.data_dir)
    written = sample.write_sample(target)
    print(f"wrote {len(written)} snapshots under {files.shown(target)}")
    return 0


def _table(text: str) -> str:
    try:
        return schema.table_for(text).name
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def cmd_ingest(args: argparse.Namespace) -> int:
    """Read an Excel or CSV extract into a new snapshot; print what was read, normalised and stored.

    A refusal or a fault is logged (audit.py) as well as printed, where the data directory can take it.
    """
    data_dir = settings.data_dir(args.data_dir)
    try:
        report = ingest.ingest(
            args.table,
            args.file,
            data_dir,
            as_at=args.as_at,
            replace=args.replace,
            allow_shrink=args.allow_shrink,
            allow_future=args.allow_future,
            sheet=args.sheet,
        )
    except (ingest.IngestError, StoreError, DataDirError, OSError) as e:
        message = str(e) if not isinstance(e, OSError) else _os_fault(e)
        outcome = "failed" if isinstance(e, (DataDirError, OSError)) else "refused"
        as_at = args.as_at.isoformat() if args.as_at else ""
        facts = audit.file_facts(args.file)
        audit.try_record(data_dir, audit.Entry("ingest", outcome, args.table, as_at, detail=message, **facts))  # type: ignore[arg-type]
        raise UserError(message) from None
    print(report.summary())
    return 0


def cmd_snapshots(args: argparse.Namespace) -> int:
    """List the snapshots (and what is set aside), or remove or restore one; a refusal is logged too."""
    data_dir = settings.data_dir(args.data_dir)
    if args.action == "list":
        print("\n".join(snapshots.describe(data_dir, args.table)))
        return 0
    cli = schema.TABLES[args.table].cli_name
    try:
        if args.action == "remove":
            aside = snapshots.remove(data_dir, args.table, args.date)
            print(
                f"removed {args.table} as at {args.date}: set aside as {aside.id}; "
                f"undo: mhhs-dashboard snapshots restore {cli} {args.date}"
            )
        else:
            aside = snapshots.restore(data_dir, args.table, args.date)
            print(f"restored {args.table} as at {args.date} from {aside.id} (set aside {aside.when})")
    except (StoreError, DataDirError) as e:
        outcome = "failed" if isinstance(e, DataDirError) else "refused"
        entry = audit.Entry(args.action, outcome, args.table, args.date.isoformat(), detail=str(e))
        audit.try_record(data_dir, entry)
        raise
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    """Print the audit log, oldest first: one line per event, or one JSON object per line with --json."""
    entries = audit.entries(settings.data_dir(args.data_dir))
    if args.table:
        entries = [e for e in entries if e.table == args.table]
    for e in entries:
        print(json.dumps(dataclasses.asdict(e), ensure_ascii=False) if args.json else audit.line(e))
    if not entries and not args.json:
        print("the audit log is empty")
    return 0


def _os_fault(e: OSError) -> str:
    """An operating-system fault as one line: the path and the system's reason."""
    where = f"{e.filename}: " if e.filename else ""
    return f"{where}{files.cause(e)}"


def cmd_template(args: argparse.Namespace) -> int:
    """Write an empty workbook with the table's expected headers."""
    dest = ingest.write_template(args.table, Path(args.file))
    print(f"wrote {dest}: the {schema.table_for(args.table).title} headers, ready to fill")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the meeting pack as one self-contained HTML file."""
    from mhhs_dashboard import meeting, report  # Plotly and Jinja only when asked for

    where = settings.data_dir(args.data_dir)
    as_at = meeting.as_at_of(where, args.as_at)  # one as-at date for the whole pack, resolved once
    if args.since and args.since > as_at:
        raise UserError(f"--since {args.since} is after the pack's as-at date {as_at}: nothing to compare with")
    pack = meeting.build_pack(where, as_at, args.since, _group(where, as_at, args.group))
    args.out.write_text(report.render(pack), encoding="utf-8")
    since = f"{pack.changes.when()} ({pack.changes.stands_for()})" if pack.changes.known else "unknown"
    print(f"wrote {args.out} ({_for(pack)}figures as at {pack.as_at}, changes since {since})")
    return 0


def _group(where: files.DataDir, as_at: dt.date, group: str) -> str:
    """The group code asked for, in upper case; a UserError naming the groups held when the data has no such group
    (a data directory with no groups list takes any code)."""
    from mhhs_dashboard import reads

    code = group.strip().upper()
    known = list(reads.group_options(reads.on(open_store(where, as_at, strict=True).con))["group_code"])
    if known and code not in known:
        raise UserError(f"--group {group}: no such group in the groups list (groups: {', '.join(sorted(known))})")
    return code


def _for(pack: object) -> str:
    """'for Design Advisory Group #36 on 2024-05-08, ': the meeting a pack is for, if there is one."""
    meeting = getattr(pack, "meeting", None)
    return f"for {pack.name} on {meeting[0]}, " if meeting else ""  # type: ignore[attr-defined]


def cmd_slides(args: argparse.Namespace) -> int:
    """Write the pack's data slides as PowerPoint with native charts and tables."""
    from mhhs_dashboard import meeting, slides  # python-pptx only when asked for

    where = settings.data_dir(args.data_dir)
    as_at = meeting.as_at_of(where, args.as_at)  # one as-at date, resolved once
    pack = meeting.build_pack(where, as_at, group=_group(where, as_at, args.group))
    args.out.write_bytes(slides.build(pack))
    print(f"wrote {args.out} ({_for(pack)}figures as at {pack.as_at})")
    return 0


def cmd_minutes(args: argparse.Namespace) -> int:
    """Draft a meeting's Headline Report from its published record, as HTML and/or Word."""
    from mhhs_dashboard import minutes, record  # Jinja and python-docx only when asked for

    if not args.html and not args.docx:
        raise UserError("--html FILE.html or --docx FILE.docx (or both): nothing to write")
    try:
        drafted = minutes.build(settings.data_dir(args.data_dir), args.meeting)
    except record.RecordError as e:
        raise UserError(str(e)) from None
    written = []
    if args.html:
        args.html.write_text(minutes.as_html(drafted), encoding="utf-8")
        written.append(str(args.html))
    if args.docx:
        args.docx.write_bytes(minutes.as_docx(drafted))
        written.append(str(args.docx))
    n = sum(len(s.outcomes) for s in drafted.sections)
    print(
        f"wrote {' and '.join(written)} ({drafted.heading}: {n} decisions and recommendations, "
        f"{len(drafted.raised)} actions raised, {len(drafted.closed)} closed)"
    )
    return 0


GROUP_HELP = (
    "the governance group whose meeting the pack is for (default: DAG): its first meeting on or after the as-at "
    "date, with that meeting's agenda, the group's actions and decisions"
)


def _pack_parser(
    sub: argparse._SubParsersAction, common: argparse.ArgumentParser, name: str, about: str, out: str, as_at: str
) -> argparse.ArgumentParser:
    """A subcommand that writes the pack in one form: `--out`, the `out` file to write, and `--as-at` (help `as_at`)."""
    cmd = sub.add_parser(name, parents=[common], help=about)
    cmd.add_argument("--out", type=Path, required=True, help=f"the {out} file to write")
    cmd.add_argument("--as-at", type=_date, help=as_at)
    return cmd


def _add_pack_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """The `report`, `slides` (issue 8; --group, issue 22) and `minutes` (issue 27) subcommands."""
    rep = _pack_parser(
        sub,
        common,
        "report",
        "write the meeting pack as a self-contained HTML file",
        ".html",
        "figures as at this date: every table at its newest snapshot on or before it (default: the registers' "
        "newest snapshot)",
    )
    rep.add_argument(
        "--since",
        type=_date,
        help="show changes since this date (default: the group's last meeting before --as-at)",
    )
    rep.add_argument("--group", default="DAG", help=GROUP_HELP)
    rep.set_defaults(run=cmd_report)
    sld = _pack_parser(
        sub,
        common,
        "slides",
        "write the pack's data slides as PowerPoint (.pptx)",
        ".pptx",
        "figures as at this date, as `report` reads them (default: the registers' newest snapshot)",
    )
    sld.add_argument("--group", default="DAG", help=GROUP_HELP)
    sld.set_defaults(run=cmd_slides)
    mins = sub.add_parser(
        "minutes", parents=[common], help="draft a meeting's Headline Report from its published record"
    )
    mins.add_argument("--meeting", required=True, help="the meeting's reference in the meetings log, e.g. DAG36")
    mins.add_argument("--html", type=Path, help="the self-contained .html file to write")
    mins.add_argument("--docx", type=Path, help="the editable Word .docx file to write")
    mins.set_defaults(run=cmd_minutes)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with --data-dir on every subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="data directory (default: $MHHS_DATA_DIR, else data/ in the repository)")
    parser = argparse.ArgumentParser(prog="mhhs-dashboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    stats = sub.add_parser("stats", parents=[common], help="print the headline figures")
    stats.add_argument(
        "--as-at",
        type=_date,
        help="every table at its newest snapshot on or before this date (YYYY-MM-DD; default: the registers' newest)",
    )
    stats.add_argument("--json", action="store_true", help="print JSON (the shape DESIGN.md fixes)")
    stats.set_defaults(run=cmd_stats)

    smp = sub.add_parser("sample", parents=[common], help="rebuild the embedded default data")
    smp.set_defaults(run=cmd_sample)

    tables = ", ".join(t.cli_name for t in schema.TABLES.values())
    ing = sub.add_parser(
        "ingest",
        parents=[common],
        help="read an Excel (.xlsx) or CSV extract into a new snapshot",
        description="Read an Excel (.xlsx) or CSV extract into a new snapshot of TABLE. Headers are matched "
        "case- and space-insensitively, the pack's own names included (data/README.md lists them). "
        "Bad input exits 2 with one line naming the file, row and column, and writes nothing.",
    )
    ing.add_argument("table", type=_table, metavar="TABLE", help=f"one of: {tables}")
    ing.add_argument(
        "file",
        metavar="FILE",
        help="the extract: .xlsx, or .csv/.txt (UTF-8 or UTF-16; comma, semicolon or tab)",
    )
    ing.add_argument(
        "--as-at",
        type=_date,
        help="the date the extract stands at (YYYY-MM-DD). Without it, a title row such as 'Updated to "
        "01/05/2024' or a YYYY-MM-DD in the file name is used; failing both, TODAY's date (when the data "
        "arrived), which is not the extract's own date: pass --as-at for a back-dated extract",
    )
    ing.add_argument(
        "--replace",
        action="store_true",
        help="overwrite an existing snapshot of the same table and date (the one replaced is set aside: "
        "`snapshots restore` puts it back)",
    )
    ing.add_argument(
        "--allow-shrink",
        action="store_true",
        # the doubled % is argparse's escape for a literal one
        help=f"store it even if more than {snapshots.SHRINK_SHARE:.0%}% of the previous snapshot's ids would vanish",
    )
    ing.add_argument(
        "--allow-future",
        action="store_true",
        help="store it even if the as-at date is after today, or more than a year after the newest snapshot",
    )
    ing.add_argument(
        "--sheet",
        metavar="NAME",
        help="the workbook's sheet to read (a hidden one too); without it, the one visible sheet with TABLE's headers",
    )
    ing.set_defaults(run=cmd_ingest)

    tpl = sub.add_parser("template", parents=[common], help="write an empty .xlsx with a table's expected headers")
    tpl.add_argument("table", type=_table, metavar="TABLE", help=f"one of: {tables}")
    tpl.add_argument("file", metavar="FILE.xlsx", help="where to write the workbook")
    tpl.set_defaults(run=cmd_template)
    _add_pack_commands(sub, common)
    _add_snapshot_commands(sub, common, tables)
    return parser


def _add_snapshot_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, tables: str) -> None:
    """The `snapshots` and `audit` subcommands (issue 23)."""
    snaps = sub.add_parser(
        "snapshots",
        help="list, remove or restore snapshots",
        description="Manage snapshots. What `ingest --replace` or `remove` takes out of use is set aside under "
        "_set_aside/ in the data directory, never deleted, and `restore` puts it back. Each change is atomic "
        "and logged (`mhhs-dashboard audit`).",
    )
    acts = snaps.add_subparsers(dest="action", required=True)
    lst = acts.add_parser("list", parents=[common], help="each table's snapshots and what is set aside")
    lst.add_argument("table", type=_table, metavar="TABLE", nargs="?", help=f"one of: {tables} (default: all)")
    for name, what in (
        ("remove", "take a snapshot out of use (set aside, restorable)"),
        ("restore", "put back the snapshot set aside last for TABLE and DATE"),
    ):
        act = acts.add_parser(name, parents=[common], help=what)
        act.add_argument("table", type=_table, metavar="TABLE", help=f"one of: {tables}")
        act.add_argument("date", type=_date, metavar="DATE", help="the snapshot's as-at date (YYYY-MM-DD)")
    snaps.set_defaults(run=cmd_snapshots)

    aud = sub.add_parser("audit", parents=[common], help="print the log of loads, refusals, removals and restores")
    aud.add_argument("--table", type=_table, help="only this table's events")
    aud.add_argument("--json", action="store_true", help="one JSON object per line")
    aud.set_defaults(run=cmd_audit)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; bad input exits 2 with one line on stderr, never a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        status = run(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the handler, rather than at exit
        return status
    except BrokenPipeError:
        # the reader stopped reading (`stats --json | head -1`): not an error. Point stdout at /dev/null so the
        # interpreter's own flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (UserError, StoreError, DataDirError, FileExistsError) as e:
        print(f"mhhs-dashboard {args.command}: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as e:  # a fault no command foresaw (a read-only --out folder, a full disk): still one line
        print(f"mhhs-dashboard {args.command}: {_os_fault(e)}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
