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


def _short_release(label: str) -> str:
    return label.replace("Interim Release ", "IR").replace("Post Go-live Release TBC", "Post go-live")


def din_release_status_heatmap(df: pd.DataFrame, height: int = 420) -> go.Figure:
    """Releases (columns, natural order) x statuses (rows, programme order), the count written in each cell.

    A transparent marker sits on each cell so that a click selects it (Plotly heatmaps do not select);
    its customdata is [release, status].
    """
    fig = _figure("DINs by target release and status", height)
    if df.empty:
        return _empty(fig)
    releases = list(dict.fromkeys(df.sort_values(["release_order", "release"])["release"]))
    statuses = list(dict.fromkeys(df.sort_values(["status_order", "status"])["status"]))
    grid = df.pivot_table(index="status", columns="release", values="dins", aggfunc="sum").reindex(
        index=statuses, columns=releases
    )
    fig.add_trace(
        go.Heatmap(
            x=releases,
            y=statuses,
            z=grid.to_numpy(),
            colorscale=[[0, "#eef5fb"], [0.15, "#9ecae1"], [1, "#08519c"]],
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
            x=df["release"],
            y=df["status"],
            mode="markers+text",
            text=df["dins"],
            textfont={"color": ["white" if d else "#1f1f1f" for d in dark], "size": 12},
            marker={"symbol": "square", "size": 26, "color": "rgba(0,0,0,0)"},
            customdata=df[["release", "status"]],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}: %{text} DINs<extra>click to list them</extra>",
            name="DINs",
            showlegend=False,
        )
    )
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=releases,
        tickangle=-45,
        labelalias={r: _short_release(r) for r in releases},
        title=None,
        showgrid=False,
    )
    fig.update_yaxes(categoryorder="array", categoryarray=statuses, autorange="reversed", title=None, showgrid=False)
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
            marker={"color": "#9ecae1"},
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
        shown = releases[(releases["published_date"] >= first) & (releases["published_date"] <= last)]
        for i, r in enumerate(shown.itertuples()):
            fig.add_vline(x=r.published_date, line={"color": "#7f7f7f", "dash": "dot", "width": 1})
            fig.add_annotation(
                x=r.published_date,
                y=1.0 if i % 2 == 0 else 0.93,
                yref="paper",
                text=r.release_code + ("*" if r.illustrative else ""),
                showarrow=False,
                font={"size": 10, "color": "#4d4d4d"},
                bgcolor="rgba(255,255,255,0.8)",
                hovertext=f"{r.release} published {r.published_date:%d %b %Y}"
                + (" (date illustrative)" if r.illustrative else ""),
            )
    fig.update_yaxes(title="DINs", rangemode="tozero")
    fig.update_xaxes(title=None, dtick="M3", tickformat="%b %Y")
    fig.update_layout(bargap=0.15, hovermode="x unified", margin={"t": 70})
    return fig
