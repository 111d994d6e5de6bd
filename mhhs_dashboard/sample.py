"""The embedded default data: the DAG #36 pack (8 May 2024) as snapshots, rebuilt by `mhhs-dashboard sample`.

Every figure the pack prints comes out of these tables unchanged. The DIN log's rows are reconstructed
deterministically from the pack's totals (the pack gives no rows), so each DIN row is marked illustrative.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import pandas as pd

from mhhs_dashboard import schema
from mhhs_dashboard.files import DataDir
from mhhs_dashboard.store import write_snapshot

D = dt.date

# As-at dates: the pack's DIN stats are "as at 30 April 2024", its CR table "updated to 01/05/2024";
# the earlier snapshot is as the DAG #35 pack (10 April 2024) would have seen the logs.
DIN_AS_AT = D(2024, 4, 30)
PACK_AS_AT = D(2024, 5, 1)
PREVIOUS_AS_AT = D(2024, 4, 2)
# The plan after CR055 (Ofgem approval 29 Nov 2024): the new Plan-on-a-Page is dated 20 Dec 2024.
PLAN_AFTER_CR055 = D(2024, 12, 20)

# "Total DINs by Release" exactly as printed, in the pack's row order. The second "Interim Release 5.2"
# row (8) is the same label with a trailing space, which a pivot table counts apart.
RELEASE_ROWS: list[tuple[str, int]] = [
    ("Interim Release 1", 133),
    ("Interim Release 2", 103),
    ("Interim Release 3", 57),
    ("Interim Release 4", 84),
    ("Interim Release 5", 103),
    ("Interim Release 6", 34),
    ("Interim Release 7", 80),
    ("Interim Release 8", 43),
    ("Interim Release 5.1", 25),
    ("Interim Release 2.1", 3),
    ("Interim Release 2.2", 1),
    ("Post Go-live Release TBC", 19),
    ("Interim Release 5.2 ", 8),
    ("Interim Release 5.2", 20),
    ("Interim Release 2.3", 6),
    ("Interim Release 5.3", 2),
    ("Interim Release 5.4", 10),
    ("Interim Release 7.1", 20),
    ("Interim Release 5.5", 7),
    ("Interim Release 7.2", 4),
]

# How the pack's open DINs split by status and target release ("Total Open DINs": 86, of which the
# by-release table accounts for the 19 post go-live and the 8 trailing-space 5.2 rows).
OPEN_SPLIT: list[tuple[str, str | None, int]] = [
    ("Industry CP Required", "Post Go-live Release TBC", 3),
    ("Requires Industry Work Group review", "Post Go-live Release TBC", 2),
    ("Open - awaiting assessment", "Post Go-live Release TBC", 14),
    ("Ready for Internal Review", "Interim Release 5.2 ", 7),
    ("Updates Ready to Release", "Interim Release 5.2 ", 1),
    ("Open - awaiting assessment", None, 30),
    ("Initial Assessment/Updating", None, 14),
    ("Ready for Internal Review", None, 15),
]
CLOSED_NO_RELEASE = 206
IMPLEMENTED_NO_RELEASE = 2

# Publication dates of the Interim Releases. Dates DOMAIN.md gives are facts; the rest are illustrative.
RELEASES: list[tuple[str, D | None, bool, str]] = [
    ("IR1", D(2023, 1, 25), True, ""),
    ("IR2", D(2023, 3, 29), True, ""),
    ("IR2.1", D(2023, 5, 10), True, ""),
    ("IR2.2", D(2023, 6, 28), True, ""),
    ("IR2.3", D(2023, 11, 29), False, "Swagger and E2E architecture update for CIT blockers"),
    ("IR3", D(2023, 5, 24), True, ""),
    ("IR4", D(2023, 7, 26), True, ""),
    ("IR5", D(2023, 9, 27), True, ""),
    ("IR5.1", D(2023, 10, 25), True, ""),
    ("IR5.2", D(2023, 12, 13), True, ""),
    ("IR5.3", D(2024, 1, 10), True, ""),
    ("IR5.4", D(2024, 2, 7), False, ""),
    ("IR5.5", D(2024, 4, 3), False, "Swagger changes"),
    ("IR6", D(2023, 11, 8), True, ""),
    ("IR7", D(2024, 1, 31), True, "CR036 (clock midnight) applies from IR7 onwards"),
    ("IR7.1", D(2024, 3, 6), True, ""),
    ("IR7.2", D(2024, 4, 10), True, ""),
    ("IR7.3", D(2024, 5, 8), False, "7 DINs, before SIT Cycle 2"),
    ("IR8", None, False, "Publishing date TBC; DINs implemented in draft artefacts"),
    ("IR8.1", None, False, "Publishing date TBC"),
]

ARTEFACTS = [
    "DES138 Interface Catalogue",
    "E2E001 E2E Solution Architecture",
    "E2E003 Swagger",
    "BP002",
    "BP003",
    "BP009",
    "BP019",
    "BPD019",
    "METH002",
    "METH004",
    "ERI011B ECS Reports",
    "BRS003",
    "OPC001",
    "DES196 D-flow mapping",
    "MHHSP-EM021",
]
ISSUES = [
    "validation rule unclear for {x}",
    "data item missing from {x}",
    "cardinality inconsistent in {x}",
    "timing of {x} conflicts with settlement timetable",
    "error code not defined for {x}",
    "wording of {x} ambiguous",
    "sequence diagram out of step with {x}",
    "optionality of {x} disputed",
]
SUBJECTS = [
    "IF-021",
    "IF-031",
    "IF-033",
    "IF-036",
    "IF-041",
    "IF-047",
    "IF-051",
    "PUB-024",
    "registration event",
    "MPAN appointment",
    "meter reading",
    "consumption data",
    "supply start date",
    "energy flow change",
    "agent appointment",
    "market segment change",
    "UMS inventory",
    "data refresh",
]
RAISERS = [
    "Programme Design Team",
    "Elexon",
    "DCC",
    "RECCo",
    "Large Supplier",
    "Medium Supplier",
    "Small Supplier",
    "Supplier Agent",
    "DNO",
    "iDNO",
    "National Grid ESO",
    "SIT participant",
]
FIRST_DIN = 38  # ids run DIN-0038 to DIN-1066: 1029 DINs, the newest being DIN-1066


@dataclass
class _Din:
    status: str
    release: str | None
    raised: D
    closed: D | None


def _release_dates() -> dict[str, D | None]:
    return {f"Interim Release {code[2:]}": when for code, when, _, _ in RELEASES}


def _between(rng: random.Random, start: D, end: D) -> D:
    return start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def build_din_log(scale: int = 1, seed: int = 36) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The DIN log as at 30 April 2024 and as at 2 April 2024 (each count multiplied by `scale`)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible illustrative rows, not security
    dates = _release_dates()
    start = D(2022, 6, 1)
    rows: list[_Din] = []
    for label, n in RELEASE_ROWS:
        clean = label.strip()
        if clean == "Post Go-live Release TBC" or label != clean:
            continue  # these are open DINs (OPEN_SPLIT)
        n_impl = n
        for _ in range(n_impl * scale):
            published = dates.get(clean)
            closed = published if published and published <= DIN_AS_AT else _between(rng, D(2024, 3, 1), DIN_AS_AT)
            raised = max(start, closed - dt.timedelta(days=rng.randint(14, 150)))
            rows.append(_Din("Implemented", label, raised, closed))
    for _ in range(IMPLEMENTED_NO_RELEASE * scale):
        closed = _between(rng, D(2023, 6, 1), D(2023, 9, 30))
        rows.append(_Din("Implemented", None, closed - dt.timedelta(days=rng.randint(20, 90)), closed))
    for _ in range(CLOSED_NO_RELEASE * scale):
        raised = _between(rng, start, D(2024, 3, 31))
        closed = min(raised + dt.timedelta(days=rng.randint(3, 75)), DIN_AS_AT)
        rows.append(_Din("Closed", None, raised, closed))
    for status, release, n in OPEN_SPLIT:
        for _ in range(n * scale):
            if release and release.startswith("Post"):
                raised = _between(rng, D(2023, 3, 1), D(2024, 4, 26))
            elif release:
                raised = _between(rng, D(2023, 10, 2), D(2023, 11, 24))
            else:
                raised = _between(rng, D(2024, 1, 8), D(2024, 4, 29))
            rows.append(_Din(status, release, raised, None))
    rows.sort(key=lambda r: (r.raised, r.status, r.release or ""))

    ids = [f"DIN-{FIRST_DIN + i:04d}" for i in range(len(rows))]
    titles = [f"{rng.choice(ARTEFACTS)}: {rng.choice(ISSUES).format(x=rng.choice(SUBJECTS))}" for _ in rows]
    artefacts = [t.split(":")[0] for t in titles]
    raisers = [rng.choice(RAISERS) for _ in rows]
    now = pd.DataFrame(
        {
            "din_id": ids,
            "title": titles,
            "status": [r.status for r in rows],
            "target_release": [r.release for r in rows],
            "raised_date": [r.raised for r in rows],
            "raised_by": raisers,
            "closed_date": [r.closed for r in rows],
            "artefact": artefacts,
            "illustrative": True,
        }
    )
    return now, _as_it_was(now, PREVIOUS_AS_AT, rng)


def _as_it_was(now: pd.DataFrame, as_at: D, rng: random.Random) -> pd.DataFrame:
    """The same log as it stood at `as_at`: later DINs absent, later closures still open, some releases moved."""
    then = now[now["raised_date"] <= as_at].copy()
    reopened = then["closed_date"].map(lambda d: d is not None and d > as_at)
    implemented = then["status"].eq("Implemented")
    then.loc[reopened & implemented, "status"] = "Updates Ready to Release"
    then.loc[reopened & ~implemented, "status"] = "Initial Assessment/Updating"
    then.loc[reopened, "closed_date"] = None
    # DINs now ready for review were still being assessed a month earlier
    ready = then.index[then["status"].eq("Ready for Internal Review")]
    then.loc[ready[: len(ready) // 2], "status"] = "Initial Assessment/Updating"
    # a few DINs now implemented in IR8 were then targeted at IR7.2
    moved = then.index[then["target_release"].eq("Interim Release 8") & reopened]
    then.loc[moved[:5], "target_release"] = "Interim Release 7.2"
    del rng  # the earlier snapshot is derived from the later one, not drawn again
    return then.reset_index(drop=True)


def change_requests() -> dict[D, pd.DataFrame]:
    """The pack's "Change Request Status" table as printed (updated to 1 May 2024), and as it was on 2 April."""
    psg = (
        "PSG 01 May 2024 accepted DAG's recommendation that a change to the MHHS Design is required and agreed the "
        "change in principle; implementation pre-M10 to be revisited with participants by Autumn 2024, otherwise "
        "handed to Code Bodies for implementation under code governance as soon after M10 as possible."
    )
    rows = [
        (
            "CR043",
            "Supplier Registration of ABMU and MPAN Mapping",
            "Mike Coney, Elexon",
            "Full Impact Assessment",
            "Approved by DAG (13-Mar-24)",
            "Approved",
            "Complete",
            None,
            None,
            "Paul Pettitt, MHHS Programme",
            "DAG",
            D(2024, 3, 13),
            "",
        ),
        (
            "CR044",
            "Implementation of 'Data Refresh' Message IF-051",
            "Sean Cooper, MHHS Programme",
            "Full Impact Assessment",
            "Awaiting PSG decision on implementation",
            "Open",
            "Approval decision",
            None,
            None,
            None,
            "PSG",
            D(2024, 4, 10),
            psg + " The Programme will hold an implementation discussion group for CR044. Risk R856 raised (DAG35-02).",
        ),
        (
            "CR045",
            "Supply Start Date (SSD) Correction Tool",
            "Sean Cooper, MHHS Programme on behalf of SCS",
            "Full Impact Assessment",
            "Awaiting PSG decision on implementation",
            "Open",
            "Approval decision",
            None,
            None,
            None,
            "PSG",
            D(2024, 4, 10),
            psg + " Detailed design via the Design Resolution Group (DAG35-03); CR045 is a higher priority than "
            "CR044. Risk R857 raised (DAG35-04).",
        ),
        (
            "CR046",
            "Enabling Metering Point Energy Flow to be changed more than once",
            "Harriet Truss, RECCo",
            "Full Impact Assessment",
            "Approved by DAG (10-Apr-24)",
            "Approved",
            "Implementation",
            "Implement in IR8.X",
            "TBC",
            "Paul Pettitt & Sean Cooper, MHHS Programme",
            "SRO",
            D(2024, 4, 10),
            "SRO approved CR046 for release in a future IR8.x release (date TBC); testing impacts, if any, via the "
            "SIT workstream.",
        ),
        (
            "CR047",
            "Amending Qualification Milestones for non-SIT LDSO QT",
            "Ben Wickins, MHHS Programme",
            "Full Impact Assessment",
            "Approved by Change Board (12-Apr-24), subject to ratification by PSG",
            "Open",
            "Approved",
            None,
            None,
            None,
            "Change Board",
            D(2024, 4, 12),
            "Approval ratified by the SRO at PSG on 01 May 2024.",
        ),
        (
            "CR048",
            "Amending Qualification Milestones for Non-SIT Supplier and Agent QT",
            "Laura Kennedy, Credera",
            "Full Impact Assessment",
            "Approved by Change Board (12-Apr-24), subject to ratification by PSG",
            "Open",
            "Approved",
            None,
            None,
            None,
            "Change Board",
            D(2024, 4, 12),
            "Approval ratified by the SRO at PSG on 01 May 2024.",
        ),
        (
            "CR049",
            "Swagger Open API 3.0 to 3.1 Upgrade",
            "Rob Golding, MHHS Programme",
            "Full Impact Assessment",
            "Withdrawn by Change Raiser",
            "Withdrawn",
            "Withdrawn",
            None,
            None,
            None,
            None,
            None,
            "",
        ),
        (
            "CR050",
            "Amendments to the MHHS Change Control Approach and Form",
            "Immy Syms, MHHS Programme",
            "Housekeeping",
            "Awaiting Change Board approval (30-Apr-24)",
            "Open",
            "Development",
            None,
            None,
            None,
            "Change Board",
            D(2024, 4, 30),
            "Will require Ofgem approval and will be issued to Impact Assessment.",
        ),
    ]
    now = pd.DataFrame(rows, columns=list(schema.TABLES["change_requests"].columns))
    then = now[now["cr_ref"] != "CR050"].copy()
    earlier = {
        "CR044": ("Awaiting DAG decision (10-Apr-24)", "Open", "Approval decision", "DAG", D(2024, 3, 13)),
        "CR045": ("Awaiting DAG decision (10-Apr-24)", "Open", "Approval decision", "DAG", D(2024, 3, 13)),
        "CR046": ("Awaiting DAG decision (10-Apr-24)", "Open", "Approval decision", "DAG", D(2024, 3, 13)),
        "CR047": ("Issued for Impact Assessment", "Open", "Impact Assessment", "Change Board", D(2024, 3, 1)),
        "CR048": ("Issued for Impact Assessment", "Open", "Impact Assessment", "Change Board", D(2024, 3, 1)),
        "CR049": ("Issued for Impact Assessment", "Open", "Impact Assessment", None, D(2024, 3, 1)),
    }
    for ref, (action, approval, stage, body, since) in earlier.items():
        i = then.index[then["cr_ref"] == ref][0]
        then.loc[i, ["latest_action", "approval_status", "current_stage", "decision_body"]] = [
            action,
            approval,
            stage,
            body,
        ]
        then.loc[i, "stage_since"] = since
        then.loc[i, ["action_if_approved", "implementation", "owners", "notes"]] = [None, None, None, ""]
    return {PREVIOUS_AS_AT: then.reset_index(drop=True), PACK_AS_AT: now}


def actions() -> dict[D, pd.DataFrame]:
    """The pack's outstanding actions as printed, and the log as it stood before DAG #35."""
    rows = [
        (
            "DAG32-06",
            "Programme to provide further detail on the change freeze criteria and how change requests "
            "are progressed into normal BSC/REC/SEC BAU",
            "Programme (PMO)",
            D(2024, 5, 8),
            "ONGOING",
            "To be discussed under agenda item 3.",
        ),
        (
            "DAG34-04",
            "Subject to information being provided on the feasibility of implementing CR045 pre-M10 "
            "(Central systems ready for migrating MPANs), Programme to raise Programme risk should implementation "
            "not be possible pre-M10",
            "Programme (Sean Cooper)",
            D(2024, 4, 10),
            "RECOMMEND CLOSED",
            "See outcome of ACTION DAG35-04.",
        ),
        (
            "DAG34-08",
            "Programme to advise whether changes to the DAG Terms of Reference are required in response "
            "to the changes agreed by the Programme Steering Group to the MHHS Change Control Process",
            "Programme (PMO)",
            D(2024, 5, 8),
            "ONGOING",
            "ToR under review pending outcome of CR050 (Amendments to the MHHS Change Control Approach and Form).",
        ),
        (
            "DAG35-01",
            "Programme to provide visibility of the outputs of the lessons learned information provided "
            "by participants in relation to the Interface Code of Connections and DIP onboarding processes, as well "
            "as information on onboarding requirements for future testing stages",
            "Programme (Smitha Pichrikat)",
            D(2024, 5, 8),
            "ONGOING",
            "Update to be provided in meeting.",
        ),
        (
            "DAG35-02",
            "Programme to raise Programme risk if CR044 is not approved for implementation pre-M10",
            "Programme (Paul Pettitt)",
            D(2024, 5, 8),
            "RECOMMEND CLOSED",
            "Risk R856 has been raised. Update to be provided in meeting, pending outcome of discussion at Programme "
            "Steering Group (PSG). To be discussed under agenda item 3.",
        ),
        (
            "DAG35-03",
            "Programme schedule Design Resolution Group (DRG) to develop detailed solution for CR045 (and "
            "include review of CR044 downstream impacts at this DRG also)",
            "Programme (Paul Pettitt)",
            D(2024, 5, 8),
            "ONGOING",
            "DRG to be scheduled.",
        ),
        (
            "DAG35-04",
            "Programme to raise a Programme risk over risks regarding the potential impacts of not "
            "implementing CR045 pre-M10",
            "Programme (Paul Pettitt)",
            D(2024, 5, 8),
            "RECOMMEND CLOSED",
            "Risk R857 has been raised. Update to be provided in meeting, pending outcome of discussion at PSG. To be "
            "discussed under agenda item 3.",
        ),
    ]
    now = pd.DataFrame(
        [(ref, "DAG", ref.split("-")[0], a, o, due, s, u) for ref, a, o, due, s, u in rows],
        columns=list(schema.TABLES["actions"].columns),
    )
    then = now[now["meeting"] != "DAG35"].copy()
    then["status"] = "ONGOING"
    then["due_date"] = D(2024, 4, 10)
    then["latest_update"] = "Update to be provided at DAG 10 April 2024."
    return {PREVIOUS_AS_AT: then.reset_index(drop=True), PACK_AS_AT: now}


IC_NOTE = (
    "I&C constituency has advised they do not intend to provide a representative for SITAG owing to there being no "
    "I&C Suppliers undertaking SIT. As such, this seat will remain vacant."
)
CONSUMER_NOTE = (
    "Consumer constituency has advised they do not intend to provide a representative for SITAG, MCAG, or QAG owing "
    "to the technical nature of these meetings. Attendance will be by exception where required."
)
ELEXON = "Elexon (as central systems provider)"
DCC = "DCC (as smart meter central system provider)"
SEAT_LISTS: dict[str, list[tuple[str, bool]]] = {
    "SITAG": [
        (ELEXON, True),
        (DCC, True),
        ("RECCo", True),
        ("Large Supplier", True),
        ("Medium Supplier", False),
        ("Small Supplier", True),
        ("I&C Supplier", False),
        ("Supplier Agent", False),
        ("Supplier Agent (Independent)", True),
        ("DNO", True),
        ("iDNO", True),
        ("National Grid ESO", True),
        ("Consumer", False),
    ],
    "MCAG": [
        (ELEXON, True),
        (DCC, True),
        ("RECCo", True),
        ("Large Supplier", True),
        ("Medium Supplier", False),
        ("Small Supplier", False),
        ("I&C Supplier", True),
        ("Supplier Agent", False),
        ("Supplier Agent (Independent)", True),
        ("DNO", True),
        ("iDNO", True),
        ("Consumer", False),
        ("National Grid ESO", True),
    ],
    "QAG": [
        ("RECCo (Qualification Body)", True),
        ("BSCCo (Qualification Body)", True),
        ("Large Supplier", True),
        ("Medium Supplier", True),
        ("Small Supplier", False),
        ("I&C Supplier", True),
        ("Supplier Agent", True),
        ("Supplier Agent (Independent)", True),
        ("DNO", True),
        ("iDNO", True),
        ("Consumer", False),
    ],
}


def seats() -> pd.DataFrame:
    """The seat lists of the pack's "New Advisory Groups Update", with its two footnotes."""
    rows = []
    order = 0  # the seat list's own order, across its groups: SITAG's seats, then MCAG's, then QAG's (pack)
    for group, seats_ in SEAT_LISTS.items():
        for constituency, filled in seats_:
            order += 1
            note = None
            if constituency == "Consumer":
                note = CONSUMER_NOTE
            elif group == "SITAG" and constituency == "I&C Supplier":
                note = IC_NOTE
            rows.append((group, constituency, filled, note, order))
    return pd.DataFrame(rows, columns=list(schema.TABLES["seats"].columns))


def groups() -> pd.DataFrame:
    """The governance groups: level, parent, cadence rule and first meeting (pack and DOMAIN.md)."""
    rows = [
        ("PSG", "Programme Steering Group", "L2", None, "First Wednesday of the month", D(2021, 11, 10), "mobilised"),
        ("DAG", "Design Advisory Group", "L3", "PSG", "Second Wednesday of the month", None, "mobilised"),
        ("CCAG", "Cross-Code Advisory Group", "L3", "PSG", "Fourth Wednesday of the month", None, "mobilised"),
        (
            "SITAG",
            "System Integration & Testing Advisory Group",
            "L3",
            "PSG",
            "Third Wednesday of the month",
            D(2024, 2, 21),
            "mobilised",
        ),
        (
            "MCAG",
            "Migration & Cutover Advisory Group",
            "L3",
            "PSG",
            "Fourth Tuesday of the month",
            D(2024, 2, 27),
            "mobilised",
        ),
        (
            "QAG",
            "Qualification Advisory Group",
            "L3",
            "PSG",
            "Third Thursday of the month",
            D(2024, 2, 15),
            "mobilised",
        ),
        (
            "TMAG",
            "Testing and Migration Advisory Group",
            "L3",
            "PSG",
            "Third Wednesday of the month",
            None,
            "stood down",
        ),
        # the pack's two ways to Change Board decisions: "Approved by Change Board (12-Apr-24), subject to
        # ratification by PSG" (CR047, CR048); its level is not given
        ("CB", "Change Board", None, "PSG", None, None, "mobilised"),
        # "DRG to be scheduled" (DAG35-03): convened for a CR's detailed solution, not on a cadence
        ("DRG", "Design Resolution Group", "L4", "DAG", None, None, "available for ad hoc meetings"),
        ("DWG", "Data Working Group", "L4", "DAG", None, None, "mobilised"),
        ("SITWG", "Systems Integration Testing Working Group", "L4", "SITAG", None, None, "mobilised"),
        ("EWG", "Environments and Configuration Working Group", "L4", "SITAG", None, None, "mobilised"),
        ("NFTWG", "Non-Functional Testing Working Group", "L4", "SITAG", None, None, "mobilised"),
        ("CDWG", "Code Drafting Working Group", "L4", "CCAG", None, None, "mobilised"),
        ("QWG", "Qualification Working Group", "L4", "QAG", None, None, "mobilised"),
        # QAG 18 Apr 2024: "Chair approved the creation of two new qualification subgroups"
        ("LDSOQT", "Non-SIT LDSO Qualification Testing subgroup", "L4", "QAG", None, None, "mobilisation in progress"),
        (
            "SAQT",
            "Non SIT Supplier & Agent Qualification Testing subgroup",
            "L4",
            "QAG",
            None,
            None,
            "mobilisation in progress",
        ),
    ]
    # DAG #36's agenda starts at 10:00 (pack); the 10:00-12:00 slot is illustrative. Others: all-day.
    times = {"DAG": ("10:00", "12:00")}
    # the order the pack's "Programme Updates" lists the groups in (PSG, then the advisory groups)
    order = {code: k for k, code in enumerate(("PSG", "SITAG", "DAG", "QAG", "CCAG", "MCAG"), start=1)}
    # "*SITAG, MCAG, QAG replaced the Testing and Migration Advisory Group (TMAG) in Q1 2024." (pack)
    replaces = {"SITAG": "TMAG", "MCAG": "TMAG", "QAG": "TMAG"}
    timed = [(*r, *times.get(r[0], (None, None)), order.get(r[0]), replaces.get(r[0])) for r in rows]
    return pd.DataFrame(timed, columns=list(schema.TABLES["groups"].columns))


def meetings() -> pd.DataFrame:
    """The meetings the pack names, held and upcoming; meeting_ref is how the action log names a meeting."""
    rows = [
        ("DAG", D(2024, 1, 10), "DAG #32", "held", None, "DAG32", None),
        ("DAG", D(2024, 2, 14), "DAG #33", "held", "Headline Report v1.1 (change marked) for approval at DAG #36"),
        ("DAG", D(2024, 3, 13), "DAG #34", "held", "CR043 approved; Headline Report v1.1 (change marked) for approval"),
        (
            "DAG",
            D(2024, 4, 10),
            "DAG #35",
            "held",
            "CR044 and CR045 escalated to PSG; CR046 recommended for IR8.x; actions DAG35-01 to DAG35-04 raised",
        ),
        ("MCAG", D(2024, 3, 26), "MCAG", "held", "Migration Control Centre Framework; no changes to milestones"),
        ("SITAG", D(2024, 4, 17), "SITAG", "held", "SIT Migration Test Scenarios Themes 2 and 3 approved"),
        ("QAG", D(2024, 4, 18), "QAG", "held", "Functional Non-SIT LDSO Test Scenarios and Test Cases approved"),
        ("CCAG", D(2024, 4, 24), "CCAG", "held", "On track for M6 delivery in August 2024"),
        ("CB", D(2024, 4, 12), "Change Board", "held", "CR047 and CR048 approved, subject to ratification by PSG"),
        ("PSG", D(2024, 5, 1), "PSG", "held", "CR047 and CR048 ratified; CR044 and CR045 approved in principle"),
        ("DWG", D(2024, 5, 2), "Data Working Group", "planned", None),
        ("SITWG", D(2024, 5, 2), "Systems Integration Testing Working Group", "planned", None),
        ("EWG", D(2024, 5, 7), "Environments and Configuration Working Group", "planned", None),
        ("NFTWG", D(2024, 5, 7), "Extraordinary Non-Functional Testing Working Group", "extraordinary", None),
        ("DAG", D(2024, 5, 8), "DAG #36", "planned", None),
        # the fourth Tuesday of May 2024 is the 28th; MCAG met on Wednesday 8 May instead (pack, DOMAIN.md)
        (
            "MCAG",
            D(2024, 5, 8),
            "MCAG",
            "moved",
            "Held on Wednesday 8 May instead of the fourth Tuesday",
            None,
            D(2024, 5, 28),
        ),
        ("DAG", D(2024, 6, 12), "DAG #37", "planned", "Standing items only"),
    ]
    refs = [r if len(r) == 7 else (*r, r[2].replace(" #", "") if r[0] == "DAG" else None, None) for r in rows]  # type: ignore[arg-type, union-attr]
    return pd.DataFrame(refs, columns=list(schema.TABLES["meetings"].columns))


# The pack's "DAG agenda roadmap" (12-Jun: no milestones, no agenda items): the standing items of every DAG.
DAG_STANDING_ITEMS = (
    "Minutes and Actions",
    "Programme Updates",
    "Design Updates",
    "Upcoming Programme Milestones related to DAG",
    "Top Programme Risks related to DAG",
    "Summary and Next Steps",
)


# DAG #36's agenda as the pack prints it: item, objective, type, lead, start and minutes (the page column aside).
DAG36_AGENDA: list[tuple[str, str, str | None, str | None, str | None, int | None]] = [
    ("Welcome", "Introduction to meeting and member apologies", "Information", "Chair", "10:00", 5),
    (
        "Minutes and Actions",
        "Approval of headline report and review of actions",
        "Decision",
        "Secretariat",
        "10:05",
        15,
    ),
    (
        "Change Requests Update",
        "Updates on Programme Change Requests",
        "Information",
        "Programme (PMO)",
        "10:20",
        10,
    ),
    (
        "Design Updates",
        "Updates on Design Issue Notifications (DINs) and other design related matters",
        "Information",
        "Programme (Paul Pettitt)",
        "10:30",
        5,
    ),
    (
        "Top Programme Risks related to DAG",
        "Overview of Programme Risks related to DAG",
        "Information",
        "Programme (PMO)",
        "10:35",
        5,
    ),
    (
        "Programme Updates",
        "Updates from other MHHS governance groups and wider Programme updates",
        "Information",
        "Programme (PMO)",
        "10:40",
        5,
    ),
    (
        "Summary and Next Steps",
        "Summarise key discussions, actions, and next steps",
        "Information",
        "Chair & Secretariat",
        "10:45",
        5,
    ),
    (
        "Attachments",
        "Attachment 1 \u2013 DAG 14 February 2024 Headline Report v1.1 (change marked) "
        "Attachment 2 \u2013 DAG 13 March 2024 Headline Report v1.1 (change marked)",
        None,
        None,
        None,
        None,
    ),
]


def agenda_items() -> pd.DataFrame:
    """The DAG agenda roadmap's standing items (no meeting date: every meeting) and DAG #36's own agenda."""
    rows: list[tuple[object, ...]] = [
        ("DAG", None, item, "standing", order, None, None, None, None, None)
        for order, item in enumerate(DAG_STANDING_ITEMS, start=1)
    ]
    for order, (item, objective, typ, lead, start, minutes) in enumerate(DAG36_AGENDA, start=1):
        kind = "attachment" if item == "Attachments" else "agenda"
        rows.append(("DAG", D(2024, 5, 8), item, kind, order, objective, typ, lead, start, minutes))
    return pd.DataFrame(rows, columns=list(schema.TABLES["agenda_items"].columns))


def milestones() -> pd.DataFrame:
    """Programme milestones on the CR022 plan, as they stood in May 2024 (DOMAIN.md; day of month illustrative)."""
    rows = [
        (
            "M5",
            "Physical baseline delivered",
            D(2022, 10, 31),
            D(2022, 10, 31),
            D(2022, 10, 31),
            False,
            "DAG approved the Physical Design Baseline (design-overview page)",
        ),
        (
            "M6",
            "Code drafting baselined",
            D(2024, 8, 21),
            D(2024, 8, 21),
            None,
            True,
            "Aug 2024 (code-artefacts page); day illustrative",
        ),
        (
            "M7",
            "Ofgem approval of the Code text",
            D(2024, 11, 29),
            D(2024, 11, 29),
            None,
            True,
            "Nov 2024 (M8 code page); day illustrative",
        ),
        ("M8", "Code changes delivered", D(2025, 3, 7), D(2025, 3, 7), None, False, "Planned 7 Mar 2025 before CR055"),
        (
            "M10",
            "Central systems ready for migrating MPANs",
            D(2025, 3, 18),
            D(2025, 3, 18),
            None,
            True,
            "CR022 plan: Mar 2025; day illustrative",
        ),
        (
            "M11",
            "Start of Migration for UMS/Advanced",
            D(2025, 4, 1),
            D(2025, 4, 1),
            None,
            True,
            "Illustrative: follows M10",
        ),
        (
            "M12",
            "Start of Migration for Smart/Non-Smart",
            D(2025, 4, 1),
            D(2025, 4, 1),
            None,
            True,
            "Illustrative: follows M10",
        ),
        (
            "M13",
            "Load Shaping System (LSS) switched on",
            D(2025, 3, 18),
            D(2025, 3, 18),
            None,
            True,
            "Illustrative: approved with M10 after CR055",
        ),
        (
            "M15",
            "Full Transition Complete",
            D(2026, 10, 31),
            D(2026, 10, 31),
            None,
            True,
            "Planned Oct 2026 before CR055; day illustrative",
        ),
        (
            "M16",
            "Introduction of the new MHHS Settlement code",
            D(2026, 12, 31),
            D(2026, 12, 31),
            None,
            True,
            "Dec 2026 by CR022 (Ofgem, June 2023); day illustrative",
        ),
    ]
    return pd.DataFrame(rows, columns=list(schema.TABLES["milestones"].columns))


# How each milestone stood on the plan after CR055 (20 Dec 2024): (id, forecast, actual, illustrative, source).
# The baseline stays the CR022 plan's date, so slippage against that baseline stays visible after the replan.
AFTER_CR055: list[tuple[str, D | None, D | None, bool, str]] = [
    ("M6", D(2024, 8, 21), D(2024, 8, 21), True, "Code text approved Aug 2024; CCAG approved the artefacts on 21 Aug"),
    ("M7", D(2024, 11, 29), D(2024, 11, 29), True, "Ofgem approved the Code text Nov 2024; day illustrative"),
    ("M8", D(2025, 9, 22), None, True, "Moved to Sep 2025 by CR055; day illustrative"),
    ("M10", D(2025, 9, 30), None, True, "CR055 (Ofgem, 29 Nov 2024): +6.5 months, to Sep 2025; day illustrative"),
    ("M11", D(2025, 10, 1), None, True, "Suppliers can migrate from Oct 2025; day illustrative"),
    ("M12", D(2025, 10, 1), None, True, "Migration window from Oct 2025; day illustrative"),
    ("M13", D(2025, 9, 30), None, True, "Illustrative: with M10"),
    ("M15", D(2027, 5, 28), None, True, "Illustrative: migration runs until May 2027"),
    ("M16", D(2027, 7, 30), None, True, "Moved from Dec 2026 to Jul 2027 by CR055; day illustrative"),
]


def milestones_after_cr055() -> pd.DataFrame:
    """The plan as it stood after CR055 (20 Dec 2024): new forecasts and actuals, the CR022 baseline kept."""
    plan = milestones().set_index("milestone_id")
    for mid, forecast, actual, illustrative, source in AFTER_CR055:
        plan.loc[mid, ["forecast_date", "actual_date", "illustrative", "source"]] = [
            forecast,
            actual,
            illustrative,
            source,
        ]
    return plan.reset_index()[list(schema.TABLES["milestones"].columns)]


# Interim Releases added by 20 Dec 2024, and IR8/IR8.1 dated. DOMAIN.md gives IR8.5, IR8.7 and IR8.8; the
# other days are illustrative (Wednesdays, about monthly). IR8.7 and IR8.8 are after the as-at date: planned.
LATER_RELEASES: list[tuple[str, D | None, bool, str]] = [
    ("IR8", D(2024, 6, 5), True, "DINs implemented in draft artefacts"),
    ("IR8.1", D(2024, 7, 3), True, "DTN flow solution documents aligned"),
    ("IR8.2", D(2024, 8, 7), True, "Design baseline behind the M7 Code text"),
    ("IR8.3", D(2024, 9, 4), True, ""),
    ("IR8.4", D(2024, 10, 2), True, ""),
    ("IR8.5", D(2024, 11, 6), False, "CR056 plus 4 SIT defects; no Swagger impact"),
    ("IR8.6", D(2024, 12, 4), True, ""),
    ("IR8.7", D(2025, 1, 22), False, "EM021, DES196, ERI011b, BP019, BPD019"),
    ("IR8.8", D(2025, 2, 12), False, "2 DINs: DES138 IF-041; METH002"),
]


def releases(later: bool = False) -> pd.DataFrame:
    """Design Interim Releases with publication dates (None where TBC); `later`: as they stood on 20 Dec 2024."""
    known = {code: (code, when, illus, note) for code, when, illus, note in RELEASES}
    if later:
        known |= {code: (code, when, illus, note) for code, when, illus, note in LATER_RELEASES}
    rows = [
        (code, f"Interim Release {code[2:]}", when, illus, note or None) for code, when, illus, note in known.values()
    ]
    return pd.DataFrame(rows, columns=list(schema.TABLES["releases"].columns))


def risks() -> pd.DataFrame:
    """The programme risks the pack names (raised under DAG35-02 and DAG35-04)."""
    rows = [
        (
            "R856",
            "CR044 (Data Refresh message IF-051) not approved for implementation pre-M10",
            "CR044",
            "Open",
            D(2024, 4, 30),
            "Paul Pettitt",
        ),
        (
            "R857",
            "Impacts of not implementing CR045 (Supply Start Date Correction Tool) pre-M10",
            "CR045",
            "Open",
            D(2024, 4, 30),
            "Paul Pettitt",
        ),
    ]
    return pd.DataFrame(rows, columns=list(schema.TABLES["risks"].columns))


# The decisions log: every update the pack prints, in its own words, meeting by meeting. Each meeting's rows:
# (title, kind, decided_by, refs, outcome, headline). `headline`: the line the pack's "Programme Updates" prints for
# the meeting; the rest is the detail other slides print (PSG's bullets on CR044 and CR045, "Other CR Updates",
# DAG #36's own DECISION items). Links ("DAG papers available here") are left out.
CR044_TITLE = "CR044: Implementation of 'Data Refresh' Message IF-051"
CR045_TITLE = "CR045: Supply Start Date (SSD) Correction Tool"
OTHER_CRS = "Other CR Updates"
ACCEPTED = "PSG accepted DAG's recommendation that change to the MHHS Design is required"
CONSIDERED = "PSG considered the risks associated with both pre-M10 and post-M10 implementation"
HANDED_OVER = (
    "Should pre-M10 implementation not be feasible, the change will be handed over to Code Bodies for "
    "implementation under code governance processes, with a recommendation it be implemented as soon after M10 as "
    "possible"
)
Outcome = tuple[str, str, str | None, str, str, bool]
DECISIONS: dict[tuple[str, D], list[Outcome]] = {
    ("MCAG", D(2024, 3, 26)): [
        (
            "Migration Control Centre Framework",
            "information",
            None,
            "",
            "Provided an update on the Migration Control Centre Framework.",
            True,
        ),
        ("Programme Milestones", "information", None, "", "No changes to milestones.", True),
    ],
    ("DAG", D(2024, 4, 10)): [
        (
            "CR044 Decision",
            "escalation",
            "DAG",
            "CR044 M10",
            "DAG recommended design changes should be made, however owing to potential challenges with implementation "
            "pre-M10 (Systems ready for migrating MPANs) determined the decision should be escalated to the Programme "
            "Steering Group (PSG).",
            True,
        ),
        (
            "CR045 Decision",
            "escalation",
            "DAG",
            "CR045 M10",
            "DAG recommended design changes should be made, however owing to potential challenges with implementation "
            "pre-M10 and risks associated with not implementing pre-M10, determined the decision should be escalated "
            "to the PSG.",
            True,
        ),
        (
            "CR046 Decision",
            "decision",
            "SRO",
            "CR046",
            "SRO approved CR046 (Enabling Metering Point Energy Flow to be changed more than once) for release in a "
            "future IR8.x release (date TBC) and with testing impacts (if any) to be discussed via the SIT workstream.",
            True,
        ),
    ],
    ("CB", D(2024, 4, 12)): [
        (
            "CR047: Amending Qualification Milestones for non-SIT LDSO QT",
            "decision",
            "Change Board",
            "CR047",
            "Approved by Change Board (12-Apr-24), subject to ratification by PSG",
            False,
        ),
        (
            "CR048: Amending Qualification Milestones for Non-SIT Supplier and Agent QT",
            "decision",
            "Change Board",
            "CR048",
            "Approved by Change Board (12-Apr-24), subject to ratification by PSG",
            False,
        ),
    ],
    ("SITAG", D(2024, 4, 17)): [
        (
            "SIT Migration Test Scenarios (TS) & Test Cases (TC)",
            "decision",
            "SRO",
            "",
            "SRO approved the Themes 2 (Reverse Migration) & 3 (Import/Export MPANs & Exception Handling) TSs & TCs, "
            "excluding SIT-M-RM-COS-DfltVal v0.1 and ISD updates testing.",
            True,
        ),
        (
            "Environments Approach & Plan",
            "decision",
            "SRO",
            "",
            "SRO approve v2.13 of plan, incorporating latest non-SIT LDSO requirements.",
            True,
        ),
        (
            "SIT Functional Updates",
            "information",
            None,
            "",
            "SIT F readiness work-off item substantively complete. Steady progress on SIT F execution, but Programme "
            "requests increase in throughput.",
            True,
        ),
        (
            "SIT Delivery Plans",
            "information",
            None,
            "",
            "Overview of plans and deliverable dates for future SIT stages.",
            True,
        ),
    ],
    ("QAG", D(2024, 4, 18)): [
        (
            "Functional Non-SIT LDSO Test Scenarios and Test Cases",
            "decision",
            "SRO",
            "",
            "SRO approved the Functional Non-SIT LDSO Test Scenarios and Test Cases",
            True,
        ),
        (
            "Focused Working Group for QT",
            "decision",
            "QAG chair",
            "",
            "Chair approved the creation of two new qualification subgroups, the Non-SIT LDSO and Non SIT Supplier & "
            "Agent Qualification Testing subgroups",
            True,
        ),
        (
            "Environments Approach and Plan",
            "information",
            "Programme",
            "",
            "The Programme advised there would be further iterations of the document in future to incorporate "
            "Supplier & Agent QT and the environments sandbox.",
            True,
        ),
    ],
    ("CCAG", D(2024, 4, 24)): [
        (
            "Horizon Scanning Log",
            "information",
            None,
            "",
            "DCUSA provided updates on DCP428. REC provided updates on R0062, R0093, R0098, R0108, R0121 & R0144. No "
            "new updates from BSC.",
            True,
        ),
        (
            "CCAG Reporting & Risks",
            "information",
            None,
            "M6",
            "CCAG is on track for M6 delivery in August 2024. M6 success criteria will be amended and brought back to "
            "May's CCAG.",
            True,
        ),
        (
            "M7/M8 Planning",
            "decision",
            "CCAG",
            "M7 M8",
            "The approach has been agreed for M7/M8 planning, and activities are ongoing. Further updates to be "
            "brought to May CCAG.",
            True,
        ),
        (
            "Mop-up 2 Consultation Update: Code Drafting Working Group (CDWG)",
            "information",
            "CDWG",
            "",
            "Presented mop-up 2 consultation update, and consistency check approach.",
            True,
        ),
    ],
    ("PSG", D(2024, 5, 1)): [
        (CR044_TITLE, "decision", "PSG", "CR044", ACCEPTED, False),
        (CR044_TITLE, "information", "PSG", "CR044 M10", CONSIDERED, False),
        (
            CR044_TITLE,
            "information",
            "Programme",
            "CR044",
            "The Programme advised the solution has already been developed and is awaiting implementation",
            False,
        ),
        (
            CR044_TITLE,
            "approval in principle",
            "PSG",
            "CR044 M10",
            "PSG agreed a pragmatic approach would be to agree the change in principle and revisit implementation with "
            "participants by Autumn 2024 to determine whether implementation pre-M10 is feasible",
            False,
        ),
        (CR044_TITLE, "decision", "PSG", "CR044 M10", HANDED_OVER, False),
        (
            CR044_TITLE,
            "information",
            "Programme",
            "CR044",
            "The Programme will hold an implementation discussion group for CR044 to consider arrangements",
            False,
        ),
        (CR045_TITLE, "decision", "PSG", "CR045", ACCEPTED, False),
        (CR045_TITLE, "information", "PSG", "CR045 M10", CONSIDERED, False),
        (
            CR045_TITLE,
            "approval in principle",
            "PSG",
            "CR045 M10",
            "PSG agreed a pragmatic approach would be to agree the change in principle and revisit implementation with "
            "participants in Autumn 2024 to determine whether implementation pre-M10 is feasible",
            False,
        ),
        (
            CR045_TITLE,
            "information",
            "Programme",
            "CR045",
            "The Programme will progress detailed design development via the Design Resolution Group (DRG) ahead of "
            "holding an implementation discussion group for CR045 to consider arrangements, and engaging with Code "
            "Bodies on potential transition to enduring code governance/change process",
            False,
        ),
        (
            CR045_TITLE,
            "decision",
            "PSG",
            "CR045 CR044 M10",
            HANDED_OVER + " (and noting CR045 is considered a higher priority than CR044)",
            False,
        ),
        (
            OTHER_CRS,
            "ratification",
            "SRO",
            "CR047 CR048",
            "CR047: Amending Qualification Milestones for non-SIT LDSO QT and CR048: Amending Qualification Milestones "
            "for Non-SIT Supplier and Agent QT were both approved by the Change Board. This approval decision was "
            "ratified by the SRO at PSG on 01 May 2024.",
            False,
        ),
        (
            "CR047 & CR048",
            "ratification",
            "SRO",
            "CR047 CR048",
            "SRO approved CRs to add/amend Qualification milestones within the Programme Plan.",
            True,
        ),
        (
            "CR044 & CR045",
            "approval in principle",
            "PSG",
            "CR044 CR045 M10",
            "PSG received escalations from DAG over challenges with implementation and determined the changes be "
            "approved in principle with feasibility of implementing pre-M10 to be determined by Autumn 2024, or "
            "transitioned to code governance processes for implementation post-M10.",
            True,
        ),
        (
            "DBT2 (Consequential Change) Risks: Assessment",
            "recommendation",
            "IPA",
            "",
            "IPA recommended assurance is undertaken for participant consequential change related to MHHS that is "
            "outside the scope of the Programme (DBT2). Impact assessments would be requested from participants. IPA "
            "took an action to consider the governance of any DBT2 assurance.",
            True,
        ),
    ],
    # DAG #36 itself: its DECISION items (item 2) and the update item 3 brings (CR050), to be taken on 8 May
    ("DAG", D(2024, 5, 8)): [
        (
            "Minutes and Actions",
            "decision",
            "DAG",
            "DAG33",
            "Approval of change marked Headline Report of DAG held 14 February 2024",
            False,
        ),
        (
            "Minutes and Actions",
            "decision",
            "DAG",
            "DAG34",
            "Approval of change marked Headline Report of DAG held 13 March 2024",
            False,
        ),
        ("Minutes and Actions", "information", "DAG", "DAG35", "Headline Report of DAG held 10 April 2024", False),
        (
            OTHER_CRS,
            "information",
            "Programme (PMO)",
            "CR050",
            "CR050: Amendments to the MHHS Change Control Approach and Form will require Ofgem approval and will be "
            "issued to Impact Assessment.",
            False,
        ),
    ],
}


def decisions() -> pd.DataFrame:
    """The decisions log: one row per outcome or update the pack prints, with a stable id per meeting and order."""
    rows = []
    for (group, day), outcomes in DECISIONS.items():
        for order, (title, kind, by, refs, outcome, headline) in enumerate(outcomes, start=1):
            key = f"{group}-{day.isoformat()}-{order:02d}"
            rows.append((key, group, day, kind, by, refs or None, title, outcome, order, headline))
    return pd.DataFrame(rows, columns=list(schema.TABLES["decisions"].columns))


# The pack's "Participant Checklist" and "Guidance Documents", in its order: (id, kind, title, detail, opened,
# deadline, owner). The pack gives deadlines, not opening dates; IR7.3's is its publication ("Published 08 May 2024").
CHECKLIST: list[tuple[str, str, str, str | None, D | None, D | None, str | None]] = [
    (
        "PC-2024-05-01",
        "consultation",
        "Qualification Approach & Plan Annex 1 Consultation",
        "REMINDER: the deadline is Friday 3 May 2024",
        None,
        D(2024, 5, 3),
        None,
    ),
    (
        "PC-2024-05-02",
        "consultation",
        "Non-Systems Integration Testing (SIT) Licensed Distribution System Operator (LDSO) Migration Test Scenarios "
        "& Test Cases Consultation",
        "REMINDER: the deadline is Friday 3 May 2024",
        None,
        D(2024, 5, 3),
        None,
    ),
    (
        "PC-2024-05-03",
        "consultation",
        "M10/M11 Cutover Plan Consultation",
        "REMINDER: the deadline is Tuesday 7 May 2024",
        None,
        D(2024, 5, 7),
        None,
    ),
    (
        "PC-2024-05-04",
        "consultation",
        "Non-Functional and Operational updates to the Placing Reliance Policy",
        "The deadline is Friday 17 May 2024",
        None,
        D(2024, 5, 17),
        None,
    ),
    (
        "PC-2024-05-05",
        "publication",
        "Design Interim Release 7.3 Artefacts coming soon",
        "IR7.3 \u2013 Published 08 May 2024",
        D(2024, 5, 8),
        None,
        "Programme (Paul Pettitt)",
    ),
    (
        "PC-2024-05-06",
        "reminder",
        "Pre-Qualification Submission (PQS) following the deadline last week",
        None,
        None,
        None,
        None,
    ),
    (
        "PC-2024-05-07",
        "publication",
        "Unmetered Supplies (UMS) Exemption Decision at Elexon's Performance Assurance Board (PAB)",
        None,
        None,
        None,
        "Elexon's Performance Assurance Board (PAB)",
    ),
    (
        "PC-2024-05-08",
        "guidance",
        "Interim Release and Swagger version alignment document",
        "Created for SIT participants; on the respective SIT pages of the Collaboration Base and MHHS website.",
        None,
        None,
        "Programme",
    ),
    (
        "GD-2024-05-01",
        "guidance",
        "Pre-Integration Testing (PIT) Guidance",
        "The Programme has updated the PIT Guidance Document. You can find the updated clean and red-lined versions "
        "on the PIT page of the MHHS website.",
        None,
        None,
        "Programme",
    ),
    (
        "GD-2024-05-02",
        "guidance",
        "Industry Standing Data Guidance",
        "On behalf of Elexon's Helix Team, the Programme has published an updated version of the ISD Participant "
        "Guidance Note to align with the Data Store Technical Specification. You can find both these documents on the "
        "Industry Standing Data page of the Collaboration Base.",
        None,
        None,
        "Programme",
    ),
    (
        "GD-2024-05-03",
        "guidance",
        "MHHS Knowledge Base: Participant Defect Logging",
        "Principles and guidance on raising defects",
        None,
        None,
        "Programme",
    ),
    (
        "GD-2024-05-04",
        "guidance",
        "MHHS Knowledge Base: MHHS DateTime",
        "Clarity on how participants should use DateTime fields",
        None,
        None,
        "Programme",
    ),
    (
        "GD-2024-05-05",
        "guidance",
        "MHHS Knowledge Base: Data Integration Platform (DIP) Message Tracker",
        "Information on the user interface available for participants to view messages in and out of the DIP.",
        None,
        None,
        "Programme",
    ),
]


def checklist() -> pd.DataFrame:
    """The participant checklist and guidance the pack lists; status is judged at the view's as-at date."""
    rows = [(*r, order) for order, r in enumerate(CHECKLIST, start=1)]
    return pd.DataFrame(rows, columns=list(schema.TABLES["checklist"].columns))


# The appendix's "High Level Design Principles": (ref, principle, scope, sub-principles, references) as printed.
PRINCIPLES: list[tuple[int, str, str, str | None, str | None]] = [
    (0, "The solution will be designed to support timely and accurate settlement.", "System Wide", None, None),
    (
        1,
        "The solution will implement the TOM at a service level with prescribed interfaces between TOM services. The "
        "design will be agnostic as to the physical resolution that parties choose in the build of the services, it "
        "will only proscribe requirements and such physical characteristics as to enable interface build.",
        "System Wide",
        None,
        "PRI017",
    ),
    (
        2,
        "Energy Suppliers can choose how they deliver their TOM Data Services (direct or procured). Suppliers may "
        "perform any aspect of any service subject to qualification.",
        "System Wide",
        None,
        "PRI016",
    ),
    (
        3,
        "The DIP solution will remain stateless and will not execute Business Processing rules. For the purposes of "
        "this principle address derivation and routing are not considered business rules.",
        "DIP",
        "Sending parties are responsible for any follow up for business processes requiring completion (PRI026)",
        "PRI024.PRI025",
    ),
    (
        4,
        "No new DTC flows will be created to resolve interface requirements for MHHS. Nor will there be facsimiles of "
        "existing DTC flows created on the DIP.",
        "System Wide",
        None,
        None,
    ),
    (
        5,
        "Where optionality exists with regard to resolving an interface to either the DIP or remaining on the DTN the "
        "solution will consider the full set of interfaces related to a process or service. i.e. if the majority of "
        "flows within a process use the DIP it would not be desirable for outliers to remain on the DTN.",
        "System Wide",
        None,
        None,
    ),
    (
        6,
        "Solution assumes that the data held/mastered by the owner/manager is correct. Services will undertake "
        "processing in good faith based on the data provided to them. This does not preclude the potential "
        "requirements for exception reporting and reconciliation requirements to rectify data quality issues.",
        "System Wide",
        "Will not duplicate items held in other systems(PRI004/005) Will only hold what is required to route messages "
        "Will not validate customer opt out (PRI008)",
        "PRI003. PRI001. PRI010. PRI011. PRI019",
    ),
    (
        7,
        "TOM Service Operators will be responsible for reporting data accuracy issues to the data owner/manager",
        "System Wide",
        None,
        "PRI003",
    ),
    (
        8,
        "Data will be processed by all parties promptly and in accordance with applicable industry codes",
        "System Wide",
        "[Data services should process data in accordance with the settlement timetable]",
        "PRI010",
    ),
    (
        9,
        "The solution will seek to minimise total cost to industry in the delivery of the OFGEM approved TOM services "
        "and Integration platform",
        "System Wide",
        None,
        "PRI027",
    ),
    (
        10,
        "The solution will be secure, scalable for volume, latency, interfaces and other key technical dimensions.",
        "DiP",
        None,
        "PRI015.PRI028",
    ),
    (
        11,
        "Interfaces will only pass those elements of data required in direct support of their governing business "
        "process and requirements. Where a changed value falls within a logical group of data e.g. House number in an "
        "address the logical group will be sent.",
        "System Wide",
        None,
        None,
    ),
    (
        12,
        "Design will be articulated with sufficient breadth and detail required to enable regulatory code drafting in "
        "addition to enabling Service Design, Build, Test & Operate.",
        "System Wide",
        None,
        None,
    ),
    (13, "Any technology selection will be mindful of future use cases.", "DiP", None, None),
    (
        14,
        "The solution will seek to maximise the benefits for consumers receiving MHHS services via current and future "
        "use cases. This includes benefits from smart metering and other areas captured in the business case.",
        "System Wide",
        None,
        None,
    ),
    (
        15,
        "All market participants, operating under MHHS Target Operating Model, will be afforded the ability to "
        "deliver the same level of service for the same MHHS service.",
        "System Wide",
        None,
        None,
    ),
]


def principles() -> pd.DataFrame:
    """The sixteen high-level design principles of the pack's appendix, as printed."""
    return pd.DataFrame(PRINCIPLES, columns=list(schema.TABLES["principles"].columns))


def snapshots() -> dict[str, dict[D, pd.DataFrame]]:
    """Every table of the embedded data: {table: {as_at: frame}}."""
    din_now, din_then = build_din_log()
    return {
        "din_log": {PREVIOUS_AS_AT: din_then, DIN_AS_AT: din_now},
        "change_requests": change_requests(),
        "actions": actions(),
        "seats": {PACK_AS_AT: seats()},
        "groups": {PACK_AS_AT: groups()},
        "meetings": {PACK_AS_AT: meetings()},
        "agenda_items": {PACK_AS_AT: agenda_items()},
        "milestones": {PACK_AS_AT: milestones(), PLAN_AFTER_CR055: milestones_after_cr055()},
        "releases": {PACK_AS_AT: releases(), PLAN_AFTER_CR055: releases(later=True)},
        "risks": {PACK_AS_AT: risks()},
        "decisions": {PACK_AS_AT: decisions()},
        "checklist": {PACK_AS_AT: checklist()},
        "principles": {PACK_AS_AT: principles()},
    }


def write_sample(data_dir: DataDir) -> list[str]:
    """Write the embedded data's snapshots under `data_dir`, replacing those files; other snapshots stay."""
    written = []
    for table, snaps in snapshots().items():
        for as_at, frame in snaps.items():
            written.append(write_snapshot(data_dir, table, as_at, frame, replace=True))
    return written
