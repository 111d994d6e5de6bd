"""Plotly chart builders: pure functions, DataFrame in, Figure out; one palette and one template for all."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

# Okabe-Ito: distinguishable with every common form of colour-blindness.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STATE_COLOURS = {"open": "#E69F00", "closed": "#0072B2", "closing": "#56B4E9", "unknown": "#999999"}
STATE_PATTERNS = {"open": "/", "closed": "", "closing": ".", "unknown": "x"}  # never colour alone

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        colorway=OKABE_ITO,
        font={"family": "Source Sans Pro, Arial, sans-serif", "size": 14, "color": "#1f1f1f"},
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        xaxis={"gridcolor": "#e6e6e6", "zerolinecolor": "#bdbdbd", "automargin": True},
        yaxis={"gridcolor": "#e6e6e6", "zerolinecolor": "#bdbdbd", "automargin": True},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 1, "xanchor": "right", "title": None},
        hoverlabel={"namelength": -1},
    )
)


def _figure(title: str, height: int) -> go.Figure:
    return go.Figure(layout={"template": TEMPLATE, "title": {"text": title, "x": 0}, "height": height})


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
        xy = {"x": part[value], "y": part[category]} if orientation == "h" else {"x": part[category], "y": part[value]}
        traces.append(
            go.Bar(
                name=state.capitalize(),
                orientation=orientation,
                marker={"color": STATE_COLOURS[state], "pattern": {"shape": STATE_PATTERNS[state]}},
                text=part[value],
                textposition="outside",
                cliponaxis=False,
                customdata=part[[category]],
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
    fig.update_yaxes(categoryorder="array", categoryarray=list(df["status"]), autorange="reversed", title=None)
    fig.update_xaxes(title="DINs")
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
        categoryarray=list(df["release"]),
        title=None,
        tickangle=-45,
        labelalias={r: r.replace("Interim Release ", "IR") for r in df["release"]},
    )
    fig.update_yaxes(title="DINs")
    fig.update_layout(barmode="stack")
    return fig


def seat_fill_bar(df: pd.DataFrame, height: int = 240) -> go.Figure:
    """Seats filled and vacant per group, with 'n of m' written on each bar."""
    fig = _figure("Seats filled per group", height)
    if df.empty:
        return _empty(fig, "No seat lists in the data")
    fig.add_trace(
        go.Bar(
            name="Filled",
            y=df["group_code"],
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
            y=df["group_code"],
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
    fig.update_xaxes(title="Seats")
    fig.update_yaxes(title=None, autorange="reversed")
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

    Expects the columns of queries/milestone_plan.sql and milestone_replans.sql; a line marks the plan's as-at date.
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
    fig.update_xaxes(title="Plan as at", type="date")
    fig.update_yaxes(title="Milestone date", type="date")
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
    fig.update_yaxes(title="DINs")
    fig.update_layout(barmode="stack")
    return fig
