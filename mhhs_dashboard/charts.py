"""Plotly chart builders: pure functions, DataFrame in, Figure out; one palette and one template for all."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from mhhs_dashboard.text import counted

Figure = go.Figure  # what every builder returns (for a page to name the type without importing Plotly)

# Okabe-Ito: distinguishable with every common form of colour-blindness.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STATE_COLOURS = {"open": "#E69F00", "closed": "#0072B2", "closing": "#56B4E9", "unknown": "#999999"}
# Light tints of the state colours (cell backgrounds that carry a written mark), a one-hue lightness ramp for
# counts (readable in greyscale), and the muted text grey (7:1 on white).
STATE_TINTS = {"open": "#FBE3BF", "closed": "#CFE3F2"}
SEQUENTIAL = ["#eef5fb", "#9ecae1", "#08519c"]
MUTED_TEXT = "#4d4d4d"
# Every chart's text (titles, axis labels, ticks, legends, bar labels): 16.5:1 on white; WCAG AA asks 4.5:1.
TEXT = "#1f1f1f"
BACKGROUND = "#ffffff"
STATE_PATTERNS = {"open": "/", "closed": "", "closing": ".", "unknown": "x"}  # never colour alone

# Text colours, set on every figure's own layout as well as in the template: in the browser, st.plotly_chart's
# default theme="streamlit" writes its own fonts and colours over the template's layout (axis titles and ticks in
# #808495, 3.7:1 on white), while what a figure sets itself stands.
AXIS_TEXT = {"tickfont": {"color": TEXT}, "title": {"font": {"color": TEXT}}}
TEXT_LAYOUT = {
    "font": {"color": TEXT},
    "title": {"font": {"color": TEXT}},
    "legend": {"font": {"color": TEXT}},
    "xaxis": AXIS_TEXT,
    "yaxis": AXIS_TEXT,
}

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        colorway=OKABE_ITO,
        font={"family": "Source Sans Pro, Arial, sans-serif", "size": 14, "color": TEXT},
        title={"font": {"color": TEXT}},
        paper_bgcolor=BACKGROUND,
        plot_bgcolor=BACKGROUND,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        xaxis={**AXIS_TEXT, "gridcolor": "#e6e6e6", "zerolinecolor": "#bdbdbd", "automargin": True},
        yaxis={**AXIS_TEXT, "gridcolor": "#e6e6e6", "zerolinecolor": "#bdbdbd", "automargin": True},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "x": 1,
            "xanchor": "right",
            "title": None,
            "font": {"color": TEXT},
        },
        hoverlabel={"namelength": -1},
    )
)


def contrast_ratio(foreground: str, background: str = BACKGROUND) -> float:
    """WCAG 2 contrast ratio of two colours, '#rrggbb' or 'rgb(r, g, b)': 1 (none) to 21 (black on white)."""

    def luminance(colour: str) -> float:
        if not colour.startswith("rgb"):  # "#rrggbb"
            channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        else:
            channels = [int(float(c)) for c in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
        linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def plain(values: Iterable[object]) -> list[object]:
    """Data text as Plotly must get it to show it as typed: Plotly reads <b>, <a href=...>, <br> in any label,
    tick, legend or hover text, so `<`, `>` and `&` become entities (which Plotly shows as the characters)."""
    return [html.escape(v, quote=False) if isinstance(v, str) else v for v in values]


def _figure(title: str, height: int) -> go.Figure:
    fig = go.Figure(layout={"template": TEMPLATE, "title": {"text": title, "x": 0}, "height": height})
    return fig.update_layout(TEXT_LAYOUT)


def _empty(fig: go.Figure, message: str = "No rows match the filters") -> go.Figure:
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _state_bars(df: pd.DataFrame, category: str, value: str, orientation: str) -> list[go.Bar]:
    """One bar trace per state (open/closed/...), coloured and patterned, categories kept in df's order."""
    traces = []
    for state in [s for s in STATE_COLOURS if s in set(df["state"])]:
        part = df[df["state"] == state]
        cats = plain(part[category])
        xy = {"x": part[value], "y": cats} if orientation == "h" else {"x": cats, "y": part[value]}
        traces.append(
            go.Bar(
                name=state.capitalize(),
                orientation=orientation,
                marker={"color": STATE_COLOURS[state], "pattern": {"shape": STATE_PATTERNS[state]}},
                text=part[value],
                textposition="outside",
                cliponaxis=False,
                customdata=[[c] for c in cats],
                hovertemplate="%{customdata[0]}: %{text}<extra>" + state + "</extra>",
                **xy,
            )
        )
    return traces


def din_by_status_bar(df: pd.DataFrame, height: int = 360) -> go.Figure:
    """DINs per status, programme order top to bottom, open and closed told apart by colour and pattern."""
    fig = _figure("DINs by status", height)
    if df.empty or df["dins"].sum() == 0:
        return _empty(fig)
    for trace in _state_bars(df, "status", "dins", "h"):
        fig.add_trace(trace)
    fig.update_yaxes(categoryorder="array", categoryarray=plain(df["status"]), autorange="reversed", title=None)
    fig.update_xaxes(title_text="DINs")
    fig.update_layout(barmode="overlay", bargap=0.25, margin={"r": 50})
    return fig


def din_by_release_bar(df: pd.DataFrame, height: int = 360) -> go.Figure:
    """DINs per target release in natural release order, 'No release' as its own bar, split open/closed."""
    fig = _figure("DINs by target release", height)
    if df.empty:
        return _empty(fig)
    long = df[["release", "closed", "open"]].melt(
        id_vars=["release"], value_vars=["closed", "open"], var_name="state", value_name="dins"
    )
    long = long[long["dins"] > 0]
    for trace in _state_bars(long, "release", "dins", "v"):
        trace.textposition = "none"  # too many bars to label; the hover and the table give the numbers
        fig.add_trace(trace)
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=plain(df["release"]),
        title=None,
        tickangle=-45,
        labelalias={r: r.replace("Interim Release ", "IR") for r in plain(df["release"])},  # type: ignore[attr-defined]
    )
    fig.update_yaxes(title_text="DINs")
    # Plotly would list a stack's legend top segment first (Closed, Open); keep the status chart's order beside it
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    return fig


def seat_fill_bar(df: pd.DataFrame, height: int = 240) -> go.Figure:
    """Seats filled and vacant per group, with 'n of m' written on each bar."""
    fig = _figure("Seats filled per group", height)
    if df.empty:
        return _empty(fig, "No seat lists in the data")
    fig.add_trace(
        go.Bar(
            name="Filled",
            y=plain(df["group_code"]),
            x=df["filled"],
            orientation="h",
            marker={"color": STATE_COLOURS["closed"]},
            text=[f"{f} of {t} filled" for f, t in zip(df["filled"], df["total"], strict=True)],
            textposition="inside",
        )
    )
    fig.add_trace(
        go.Bar(
            name="Vacant",
            y=plain(df["group_code"]),
            x=df["total"] - df["filled"],
            orientation="h",
            marker={
                "color": "#ffffff",
                "line": {"color": STATE_COLOURS["open"], "width": 2},
                "pattern": {"shape": "/", "fgcolor": STATE_COLOURS["open"]},
            },
            hovertemplate="%{y}: %{x} vacant<extra></extra>",
        )
    )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title_text="Seats")
    fig.update_yaxes(title=None, autorange="reversed")
    return fig


def cr_pipeline_bar(df: pd.DataFrame, height: int = 320) -> go.Figure:
    """CRs per change-control stage in lifecycle order; set-aside stages (Withdrawn, Rejected) hatched grey.

    Each bar is labelled with its count and, where stage dates allow, the longest time a CR has sat there.
    """
    fig = _figure("CRs by stage of change control", height)
    if df.empty or df["crs"].sum() == 0:
        return _empty(fig)
    labels = [
        f"{n}" + (f" · longest {counted(int(d), 'day')} in stage" if n and pd.notna(d) else "")
        for n, d in zip(df["crs"], df["max_days_in_stage"], strict=True)
    ]
    for aside, name, colour, pattern in (
        (False, "In the pipeline", OKABE_ITO[0], ""),
        (True, "Set aside", "#999999", "x"),
    ):
        part = df["set_aside"] == aside
        if not part.any():
            continue
        fig.add_trace(
            go.Bar(
                name=name,
                orientation="h",
                y=df.loc[part, "stage"],
                x=df.loc[part, "crs"],
                text=[t for t, p in zip(labels, part, strict=True) if p],
                textposition="outside",
                cliponaxis=False,
                marker={"color": colour, "pattern": {"shape": pattern}},
                customdata=df.loc[part, ["cr_refs"]],
                hovertemplate="%{y}: %{x} CR(s)<br>%{customdata[0]}<extra>" + name + "</extra>",
            )
        )
    fig.update_yaxes(categoryorder="array", categoryarray=list(df["stage"]), autorange="reversed", title=None)
    fig.update_xaxes(title_text="CRs", dtick=1, rangemode="tozero")
    fig.update_layout(barmode="overlay", bargap=0.3, margin={"r": 150})
    return fig


def actions_by_owner_bar(df: pd.DataFrame, height: int = 300) -> go.Figure:
    """Actions per owner, stacked open / recommended closed / closed (colour and pattern); overdue in the label."""
    fig = _figure("Actions by owner", height)
    if df.empty or df["total"].sum() == 0:
        return _empty(fig)
    for state, column, name in (
        ("open", "open", "Open"),
        ("closing", "recommend_closed", "Recommended closed"),
        ("closed", "closed", "Closed"),
        ("unknown", "other", "Other status"),
    ):
        if df[column].sum() == 0:
            continue
        fig.add_trace(
            go.Bar(
                name=name,
                orientation="h",
                y=df["owner"],
                x=df[column],
                marker={"color": STATE_COLOURS[state], "pattern": {"shape": STATE_PATTERNS[state]}},
                hovertemplate="%{y}: %{x} " + name.lower() + "<extra></extra>",
            )
        )
    overdue = [f"{t}" + (f" · ⚠ {o} overdue" if o else "") for t, o in zip(df["total"], df["overdue"], strict=True)]
    fig.add_trace(
        go.Scatter(
            y=df["owner"],
            x=df["total"],
            mode="text",
            text=overdue,
            textposition="middle right",
            showlegend=False,
            hoverinfo="skip",
        )
    )
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title_text="Actions", dtick=1, rangemode="tozero")
    fig.update_layout(barmode="stack", margin={"r": 120})
    return fig


SEAT_MARKS = {"Filled": "✓ Filled", "Vacant": "✗ Vacant"}


def seat_grid_heatmap(df: pd.DataFrame, height: int | None = None) -> go.Figure:
    """Constituency x group seats: filled or vacant told by colour and by a ✓/✗ word in each cell; '—' = no seat."""
    rows = list(dict.fromkeys(df["constituency"])) if not df.empty else []
    fig = _figure("Seats by constituency", height or max(220, 60 + 30 * len(rows)))
    if df.empty:
        return _empty(fig, "No seat lists in the data")
    cols = list(dict.fromkeys(df["group_code"]))
    cell = {(r.constituency, r.group_code): r for r in df.itertuples(index=False)}
    z, text, hover = [], [], []
    for c in rows:
        z_row, t_row, h_row = [], [], []
        for g in cols:
            seat = cell.get((c, g))
            z_row.append(None if seat is None else (1 if seat.filled else 0))
            t_row.append("—" if seat is None else SEAT_MARKS[seat.seat_state])
            h_row.append("no seat" if seat is None else seat.seat_state.lower())
        z.append(z_row)
        text.append(t_row)
        hover.append(h_row)
    fig.add_trace(
        go.Heatmap(
            z=z,
            x=cols,
            y=rows,
            text=text,
            texttemplate="%{text}",
            customdata=hover,  # the state's word only: the hover names the cell from its axes (a cell's share of
            hovertemplate="%{x} · %{y}: %{customdata}<extra></extra>",  # the chart sent at every view)
            colorscale=[
                [0, STATE_TINTS["open"]],
                [0.5, STATE_TINTS["open"]],
                [0.5, STATE_TINTS["closed"]],
                [1, STATE_TINTS["closed"]],
            ],
            zmin=0,
            zmax=1,
            showscale=False,
            xgap=3,
            ygap=3,
        )
    )
    fig.update_xaxes(side="top", title=None, showgrid=False)
    fig.update_yaxes(autorange="reversed", title=None, showgrid=False)
    return fig


# how each kind of meeting is drawn: marker symbol and colour (a shape per kind, so colour is never alone)
MEETING_MARKS = {
    "held": ("circle", OKABE_ITO[0]),
    "planned": ("circle-open", OKABE_ITO[0]),
    "scheduled": ("circle-open-dot", "#7f7f7f"),
    "first meeting": ("star", OKABE_ITO[2]),
    "extraordinary": ("diamond", OKABE_ITO[3]),
    "moved": ("triangle-right", OKABE_ITO[1]),
    "cancelled": ("x-thin-open", OKABE_ITO[5]),
}


def meeting_calendar_timeline(df: pd.DataFrame, as_at: object = None, height: int | None = None) -> go.Figure:
    """One row per group, one marker per day a group meets; the marker's shape (and colour) says the meeting's
    kind; a line at as-at. Meetings of one group, day and kind share a marker, named "<first> and N more": the
    chart's size follows the calendar's days, not the rows of the meetings log."""
    groups = list(dict.fromkeys(df["group_code"])) if not df.empty else []
    fig = _figure("Governance meetings", height or max(220, 90 + 28 * len(groups)))
    if df.empty:
        return _empty(fig, "No meetings for these groups")
    same = df.groupby(["kind", "meeting_date", "group_code"], sort=False)
    marks = same.agg(title=("title", "first"), meetings=("title", "size")).reset_index()
    more = marks["meetings"] - 1
    marks["title"] = marks["title"].where(more == 0, marks["title"] + " and " + more.astype(str) + " more")
    for kind in [*MEETING_MARKS, *sorted(set(df["kind"]) - set(MEETING_MARKS))]:
        part = marks[marks["kind"] == kind]
        if part.empty:
            continue
        symbol, colour = MEETING_MARKS.get(kind, ("square", "#000000"))
        fig.add_trace(
            go.Scatter(
                name=kind.capitalize(),
                x=pd.to_datetime(part["meeting_date"]),
                y=part["group_code"],
                mode="markers",
                marker={"symbol": symbol, "size": 12, "color": colour, "line": {"width": 2, "color": colour}},
                customdata=part[["title", "kind"]],
                hovertemplate="%{x|%a %d %b %Y} · %{customdata[0]} (%{customdata[1]})<extra></extra>",
            )
        )
    if as_at is not None:
        fig.add_vline(x=pd.Timestamp(as_at), line={"dash": "dot", "color": "#1f1f1f"})
        fig.add_annotation(x=pd.Timestamp(as_at), y=1, yref="paper", text="as at", showarrow=False, yanchor="bottom")
    fig.update_yaxes(categoryorder="array", categoryarray=groups, autorange="reversed", title=None)
    fig.update_xaxes(title=None, dtick="M1", tickformat="%b %Y")
    return fig


def accessible_name(figure: go.Figure) -> str:
    """What a screen reader calls the chart: its title, and the note in its place when it has no data
    ("DINs by status: No rows match the filters")."""
    name = figure.layout.title.text or "Chart"
    if not figure.data and figure.layout.annotations:
        name += ": " + html.unescape(figure.layout.annotations[0].text)
    return name


def for_screen(figure: go.Figure, size: int = 20) -> go.Figure:
    """A copy of the figure with every piece of text at least `size` px, for a shared screen (chair mode):
    titles a little larger; `figure` is left as it was."""
    fig = go.Figure(figure)
    fig.update_layout(font={"size": size}, title_font_size=size + 4, legend_font_size=size)
    fig.update_xaxes(tickfont_size=size, title_font_size=size)
    fig.update_yaxes(tickfont_size=size, title_font_size=size)
    return fig


def _short_release(label: str) -> str:
    return label.replace("Interim Release ", "IR").replace("Post Go-live Release TBC", "Post go-live")


def _wrapped(label: str, width: int = 20) -> str:
    """A long tick label over lines of about `width` characters (Plotly's <br>), so a column can stay narrow."""
    return "<br>".join(textwrap.wrap(label, width)) or label


def din_release_status_heatmap(df: pd.DataFrame, height: int | None = None) -> go.Figure:
    """Releases (rows, natural order top to bottom) x statuses (columns, programme order), the count written in
    each cell.

    Releases go down and the eight statuses across, so the layout reads on a 390 px phone as on a desktop: a
    column of about 35 px each on the phone (Plotly turns the status labels, wrapped over lines, upright when
    they no longer fit), and a row per release however many there are; the height follows the releases (28 px
    a row) unless `height` is given. A transparent marker sits on each cell so that a click selects it (Plotly
    heatmaps do not select); its customdata is [release, status].
    """
    releases = list(dict.fromkeys(df.sort_values(["release_order", "release"])["release"]))
    fig = _figure("DINs by target release and status", height or 150 + 28 * max(len(releases), 4))
    if df.empty:
        return _empty(fig)
    statuses = list(dict.fromkeys(df.sort_values(["status_order", "status"])["status"]))
    grid = df.pivot_table(index="release", columns="status", values="dins", aggfunc="sum").reindex(
        index=releases, columns=statuses
    )
    fig.add_trace(
        go.Heatmap(
            x=plain(statuses),
            y=plain(releases),
            z=grid.to_numpy(),
            colorscale=[[0, SEQUENTIAL[0]], [0.15, SEQUENTIAL[1]], [1, SEQUENTIAL[2]]],
            zmin=0,
            showscale=False,
            hoverinfo="skip",
            xgap=2,
            ygap=2,
        )
    )
    dark = df["dins"] > df["dins"].max() * 0.45
    fig.add_trace(
        go.Scatter(
            x=plain(df["status"]),
            y=plain(df["release"]),
            mode="markers+text",
            text=df["dins"],
            textfont={"color": ["white" if d else "#1f1f1f" for d in dark], "size": 12},
            marker={"symbol": "square", "size": 24, "color": "rgba(0,0,0,0)"},
            customdata=df[["release", "status"]],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}: %{text} DINs<extra>click to list them</extra>",
            name="DINs",
            showlegend=False,
        )
    )
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=plain(statuses),
        labelalias={s: _wrapped(s) for s in plain(statuses)},  # type: ignore[arg-type]
        tickfont_size=12,
        title=None,
        showgrid=False,
    )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=plain(releases),
        autorange="reversed",
        labelalias={r: _short_release(r) for r in plain(releases)},  # type: ignore[arg-type]
        title=None,
        showgrid=False,
    )
    fig.update_layout(clickmode="event+select", dragmode=False)
    return fig


def dins_by_month_chart(df: pd.DataFrame, releases: pd.DataFrame | None = None, height: int = 400) -> go.Figure:
    """Bars of DINs raised per month and a line of DINs open at each month's end; IR publications as dotted lines."""
    fig = _figure("DINs raised per month and open at month end", height)
    if df.empty:
        return _empty(fig)
    fig.add_trace(
        go.Bar(
            x=df["month"],
            y=df["raised"],
            name="Raised in the month",
            marker={"color": SEQUENTIAL[1]},
            hovertemplate="%{x|%b %Y}: %{y} raised<extra></extra>",
            xperiod="M1",
            xperiodalignment="middle",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=df["month_end"],
            y=df["open_at_month_end"],
            name="Open at month end",
            mode="lines+markers",
            line={"color": STATE_COLOURS["open"], "width": 3},
            marker={"symbol": "diamond", "size": 7},
            hovertemplate="%{x|%d %b %Y}: %{y} open<extra></extra>",
        )
    )
    if releases is not None and not releases.empty:
        first, last = df["month"].min(), df["month_end"].max()
        published = releases["published_date"]
        shown = list(releases[(published >= first) & (published <= last)].itertuples())
        # one layout update for every line and label: add_vline per release re-validates every shape each time
        line = {"color": "#7f7f7f", "dash": "dot", "width": 1}
        fig.update_layout(
            shapes=[
                {"type": "line", "x0": r.published_date, "x1": r.published_date, "y0": 0, "y1": 1, "yref": "paper"}
                | {"line": line}
                for r in shown
            ],
            annotations=[
                {
                    "x": r.published_date,
                    "y": 1.0 if i % 2 == 0 else 0.93,
                    "yref": "paper",
                    "text": r.release_code + ("*" if r.illustrative else ""),
                    "showarrow": False,
                    "font": {"size": 10, "color": MUTED_TEXT},
                    "bgcolor": "rgba(255,255,255,0.8)",
                    "hovertext": f"{r.release} published {r.published_date:%d %b %Y}"
                    + (" (date illustrative)" if r.illustrative else ""),
                }
                for i, r in enumerate(shown)
            ],
        )
    fig.update_yaxes(title_text="DINs", rangemode="tozero")
    fig.update_xaxes(title=None, dtick="M3", tickformat="%b %Y")
    fig.update_layout(bargap=0.15, hovermode="x unified", margin={"t": 70})
    return fig


# Milestone status: colour and marker symbol (the status is also written beside each marker: never colour alone).
MILESTONE_STATUS = {
    "achieved": ("#0072B2", "star"),
    "on track": ("#009E73", "circle"),
    "at risk": ("#E69F00", "triangle-up"),
    "missed": ("#D55E00", "x"),
    "no date": ("#999999", "circle-open"),
}


def _days(n: object) -> str:
    """A signed day count ('+196 d', '0 d'), or '' when there is none."""
    return "" if n is None or pd.isna(n) else f"{int(n):+d} d" if int(n) else "0 d"  # type: ignore[call-overload]


def _vline(fig: go.Figure, when: object, text: str, dash: str, colour: str, y: float) -> None:
    """A vertical line across the plot at a date, labelled at height `y` (paper) -- add_vline mislabels dates."""
    fig.add_shape(
        type="line", x0=when, x1=when, xref="x", yref="paper", y0=0, y1=1, line={"dash": dash, "color": colour}
    )
    fig.add_annotation(
        x=when,
        y=y,
        xref="x",
        yref="paper",
        text=text,
        showarrow=False,
        xanchor="left",
        font={"size": 12},
        bgcolor="white",
    )


def milestone_plan_timeline(plan: pd.DataFrame, replans: pd.DataFrame, height: int | None = None) -> go.Figure:
    """Each milestone's baseline, previous-plan and current date on one time axis; status as symbol, colour and text.

    Expects the columns of queries/plan/milestones_plan.sql and milestones_replans.sql; a line marks the plan as-at.
    """
    fig = _figure("Milestones: baseline, previous plan and now", height or 140 + 42 * max(len(plan), 1))
    if plan.empty:
        return _empty(fig, "No milestone plan in the data")
    names = plan["name"].fillna("")
    labels = [
        f"{i} · {n}" if len(n) <= 38 else f"{i} · {n[:37]}…" for i, n in zip(plan["milestone_id"], names, strict=True)
    ]
    ys = dict(zip(plan["milestone_id"], labels, strict=True))
    y = plan["milestone_id"].map(ys)
    moved = plan[plan["baseline_date"].notna() & plan["expected_date"].notna()]
    xs: list[object] = []
    yy: list[object] = []
    for row in moved.itertuples():
        xs += [row.baseline_date, row.expected_date, None]
        yy += [ys[row.milestone_id]] * 2 + [None]
    fig.add_trace(
        go.Scatter(x=xs, y=yy, mode="lines", line={"color": "#bdbdbd", "width": 3}, hoverinfo="skip", showlegend=False)
    )
    fig.add_trace(
        go.Scatter(
            name="Baseline",
            x=plan["baseline_date"],
            y=y,
            mode="markers",
            marker={"symbol": "line-ns", "size": 18, "line": {"width": 3, "color": "#000000"}},
            hovertemplate="%{y}<br>baseline %{x|%d %b %Y}<extra></extra>",
        )
    )
    prev = plan[plan["previous_expected_date"].notna()]
    if not prev.empty:
        fig.add_trace(
            go.Scatter(
                name="Previous plan",
                x=prev["previous_expected_date"],
                y=prev["milestone_id"].map(ys),
                mode="markers",
                marker={"symbol": "circle-open", "size": 11, "color": "#56B4E9", "line": {"width": 2}},
                hovertemplate="%{y}<br>previous plan %{x|%d %b %Y}<extra></extra>",
            )
        )
    for status, (colour, symbol) in MILESTONE_STATUS.items():
        part = plan[(plan["status"] == status) & plan["expected_date"].notna()]
        if part.empty:
            continue
        text = [
            f"{t} {_days(s)}".strip() if s and not pd.isna(s) else t
            for t, s in zip(part["status_text"], part["slip_baseline_days"], strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                name=status.capitalize(),
                x=part["expected_date"],
                y=part["milestone_id"].map(ys),
                mode="markers+text",
                marker={"symbol": symbol, "size": 14, "color": colour, "line": {"width": 1, "color": "#1f1f1f"}},
                text=text,
                textposition="middle right",
                cliponaxis=False,
                hovertemplate="%{y}<br>%{text}<br>%{x|%d %b %Y}<extra></extra>",
            )
        )
    for i, r in enumerate(replans.itertuples()):
        label = f"{r.cr_ref} replan ({r.approved_by} {r.approved_on:%d %b %Y})"
        _vline(fig, r.approved_on, label, "dot", "#CC79A7", 1.0 - 0.06 * i)
    as_at = plan["as_at"].iloc[0]
    if as_at is not None and not pd.isna(as_at):
        _vline(fig, as_at, f"Plan as at {as_at:%d %b %Y}", "dash", "#D55E00", 0.02)
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed", title=None)
    fig.update_xaxes(title=None, type="date")
    fig.update_layout(margin={"r": 160})
    return fig


def milestone_slippage_line(history: pd.DataFrame, height: int = 300) -> go.Figure:
    """One milestone's date in each plan snapshot (step line), against its baseline in that snapshot."""
    fig = _figure("Where each plan put it", height)
    if history.empty:
        return _empty(fig, "This milestone is in no plan snapshot")
    fig.add_trace(
        go.Scatter(
            name="Baseline",
            x=history["as_at"],
            y=history["baseline_date"],
            mode="lines+markers",
            line={"shape": "hv", "dash": "dash", "color": "#000000"},
            marker={"symbol": "line-ew", "size": 12, "line": {"width": 2}},
        )
    )
    fig.add_trace(
        go.Scatter(
            name="Forecast or actual",
            x=history["as_at"],
            y=history["expected_date"],
            mode="lines+markers+text",
            line={"shape": "hv", "color": OKABE_ITO[1]},
            marker={"symbol": "circle", "size": 10},
            text=[_days(s) for s in history["slip_baseline_days"]],
            textposition="middle left",
            cliponaxis=False,
        )
    )
    fig.update_xaxes(title_text="Plan as at", type="date")
    fig.update_yaxes(title_text="Milestone date", type="date")
    return fig


def release_dins_bar(df: pd.DataFrame, height: int = 320) -> go.Figure:
    """DINs per Interim Release in natural order: implemented, and targeted but not (yet) implemented."""
    fig = _figure("DINs per Interim Release", height)
    if df.empty:
        return _empty(fig, "No Interim Releases in the data")
    parts = (
        ("Implemented", df["dins_implemented"], "closed"),
        ("Targeted, not implemented", df["dins_targeted"] - df["dins_implemented"], "open"),
    )
    for name, values, state in parts:
        fig.add_trace(
            go.Bar(
                name=name,
                x=df["release_code"],
                y=values,
                marker={"color": STATE_COLOURS[state], "pattern": {"shape": STATE_PATTERNS[state]}},
                hovertemplate="%{x}: %{y} " + name.lower() + "<extra></extra>",
            )
        )
    fig.update_xaxes(categoryorder="array", categoryarray=list(df["release_code"]), title=None, tickangle=-45)
    fig.update_yaxes(title_text="DINs")
    fig.update_layout(barmode="stack")
    return fig


# The pack's key to its governance structure, in its order, with the groups since stood down after it: each state a
# marker shape and a colour, so the key never rests on colour alone.
GROUP_STATE_STYLE: dict[str, tuple[str, str, str]] = {
    "mobilised": ("Mobilised", "circle", OKABE_ITO[0]),
    "mobilisation in progress": ("Mobilisation in progress", "diamond", OKABE_ITO[2]),
    "to be mobilised in future": ("To be mobilised in future", "square-open", OKABE_ITO[1]),
    "may be mobilised": ("May be mobilised", "circle-open", OKABE_ITO[3]),
    "available for ad hoc meetings": ("Available for any ad hoc meetings", "triangle-up", OKABE_ITO[5]),
    "stood down": ("Stood down", "x", "#999999"),
}


def structure_layout(groups: pd.DataFrame) -> pd.DataFrame:
    """Where each group sits in the structure: depth (0 = top, PSG) and x (leaves side by side, a parent above the
    middle of its children). A group whose parent is not in the list is a top of its own; a cycle is cut."""
    codes = [str(c) for c in groups["group_code"]]
    known = set(codes)
    parent = {
        str(c): (str(p) if isinstance(p, str) and p in known and p != c else None)
        for c, p in zip(groups["group_code"], groups["parent_group"], strict=True)
    }
    children: dict[str | None, list[str]] = {}
    for c in codes:
        children.setdefault(parent[c], []).append(c)
    level = {str(c): str(v) if isinstance(v, str) else "" for c, v in zip(codes, groups["level"], strict=True)}
    depth: dict[str, int] = {}
    x: dict[str, float] = {}
    slot = [0.0]

    def place(code: str, d: int, seen: frozenset[str]) -> float:
        depth[code] = d
        kids = [k for k in sorted(children.get(code, []), key=lambda k: (level[k], k)) if k not in seen]
        if not kids:
            x[code] = slot[0]
            slot[0] += 1
        else:
            xs = [place(k, d + 1, seen | {k}) for k in kids]
            x[code] = (min(xs) + max(xs)) / 2
        return x[code]

    for top in sorted(children.get(None, []), key=lambda k: (level[k], k)):
        place(top, 0, frozenset({top}))
    for c in codes:  # in a cycle, so never reached from a top: a top of its own
        if c not in depth:
            place(c, 0, frozenset({c}))
    out = groups.assign(
        depth=[depth[c] for c in codes],
        x=[x[c] for c in codes],
        parent_in_chart=[parent[c] for c in codes],
    )
    return out


def governance_structure_chart(groups: pd.DataFrame, height: int | None = None) -> go.Figure:
    """The governance and decision-making structure as a tree, top down (PSG, then advisory groups, then working
    groups), each group a marker by state in the pack's key; expects group_cards.sql's columns."""
    title = "MHHS governance and decision-making structure"
    if groups.empty:
        return _empty(_figure(title, height or 320))
    laid = structure_layout(groups)
    rows = int(laid["depth"].max()) + 1
    fig = _figure(title, height or 160 + 130 * rows)
    at = {str(c): (x, -d) for c, x, d in zip(laid["group_code"], laid["x"], laid["depth"], strict=True)}
    for code, up in zip(laid["group_code"], laid["parent_in_chart"], strict=True):
        if not isinstance(up, str):  # a top: no line up
            continue
        (x0, y0), (x1, y1) = at[up], at[str(code)]
        fig.add_shape(type="line", x0=x0, y0=y0, x1=x1, y1=y1, line={"color": "#bdbdbd", "width": 1.5}, layer="below")
    states = laid["state"].map(lambda s: str(s).strip().lower() if isinstance(s, str) else "")
    for key in [*GROUP_STATE_STYLE, *sorted(set(states) - set(GROUP_STATE_STYLE))]:
        mine = laid[states == key]
        if mine.empty:
            continue
        label, symbol, colour = GROUP_STATE_STYLE.get(
            key, (key.capitalize() or "State not given", "circle-dot", "#4d4d4d")
        )
        hover = [
            "<br>".join(
                [
                    f"{html.escape(str(n))} ({html.escape(str(c))})",
                    (html.escape(lv) if isinstance(lv, str) else "Level not given")
                    + (f" under {html.escape(p)}" if isinstance(p, str) else ""),
                    label,
                ]
            )
            for c, n, lv, p in zip(
                mine["group_code"], mine["name"], mine["level"], mine["parent_in_chart"], strict=True
            )
        ]
        fig.add_trace(
            go.Scatter(
                x=mine["x"],
                y=-mine["depth"],
                mode="markers+text",
                name=label,
                text=plain(mine["group_code"]),
                textposition="bottom center",
                marker={"symbol": symbol, "size": 22, "color": colour, "line": {"width": 2, "color": colour}},
                hovertext=hover,
                hoverinfo="text",
                cliponaxis=False,
            )
        )
    fig.update_xaxes(visible=False, range=[laid["x"].min() - 0.7, laid["x"].max() + 0.7])
    fig.update_yaxes(visible=False, range=[-(rows - 1) - 0.6, 0.4])
    # the key under the tree: above it, as the template puts legends, it ran over the long title on a page's width
    key = {"y": -0.02, "yanchor": "top", "x": 0, "xanchor": "left"}
    return fig.update_layout(showlegend=True, hovermode="closest", legend=key, margin_b=40)
