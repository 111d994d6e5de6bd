"""Plotly chart builders: pure functions, DataFrame in, Figure out; one palette and one template for all."""

from __future__ import annotations

import html
from collections.abc import Iterable

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


def plain(values: Iterable[object]) -> list[object]:
    """Data text as Plotly must get it to show it as typed: Plotly reads <b>, <a href=...>, <br> in any label,
    tick, legend or hover text, so `<`, `>` and `&` become entities (which Plotly shows as the characters)."""
    return [html.escape(v, quote=False) if isinstance(v, str) else v for v in values]


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
        categoryarray=plain(df["release"]),
        title=None,
        tickangle=-45,
        labelalias={r: r.replace("Interim Release ", "IR") for r in plain(df["release"])},
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
    fig.update_xaxes(title="Seats")
    fig.update_yaxes(title=None, autorange="reversed")
    return fig
