"""Members of the ILRS and the Artemis Accords over time."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..theme import FRAMEWORK_COLORS
from .common import (
    FRAMEWORKS,
    KIND_PLURALS,
    cite,
    date_columns,
    date_label,
    dated_partners,
    esc,
    finish_figure,
    hover_text,
    is_are,
    is_missing,
    join_names,
    month_year,
    plain,
    plural,
    until_timestamp,
)


def figure(
    ds: Any,
    *,
    frameworks: Sequence[str] | None = None,
    until: object = None,
    dark: bool = False,
) -> go.Figure:
    """Cumulative members over time, ILRS vs Artemis Accords, countries and organizations."""
    frameworks = list(frameworks or FRAMEWORKS)
    p = dated_partners(ds, until)
    end = pd.Timestamp(ds.as_of) if until is None else min(until_timestamp(until), ds.as_of)
    fig = go.Figure()
    for fw in frameworks:
        for kind, dash in (("country", "solid"), ("organization", "dash")):
            rows = p[(p["framework"] == fw) & (p["kind"] == kind)]
            if rows.empty:
                continue
            groups = rows.groupby("c_start", sort=True)
            xs: list[Any] = []
            ys: list[int] = []
            hover: list[str] = []
            total = 0
            for day, g in groups:
                total += len(g)
                xs.append(day)
                ys.append(total)
                names = ", ".join(esc(e) for e in g["entity"])
                when = esc(date_label(day, g["c_prec"].iloc[0]))
                hover.append(hover_text(
                    f"<b>{esc(fw)}</b>: {plural(total, kind, KIND_PLURALS.get(kind))}",
                    f"joined {when}: {names}",
                    esc(cite(ds, ";".join(g["source_ids"].astype(str)))),
                ))
            xs.append(end)
            ys.append(total)
            hover.append(hover_text(f"<b>{esc(fw)}</b>: "
                                f"{plural(total, kind, KIND_PLURALS.get(kind))}",
                                f"as of {esc(ds.as_of_text)}"))
            fig.add_trace(
                go.Scatter(
                    x=xs, y=ys, mode="lines+markers", line_shape="hv",
                    name=f"{html.escape(fw)}: {KIND_PLURALS.get(kind, kind + 's')}",
                    line={"color": FRAMEWORK_COLORS.get(fw, "#999999"), "dash": dash,
                          "width": 3},
                    marker={"size": 8, "symbol": "circle" if kind == "country" else "square"},
                    hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
                    meta={"framework": fw, "kind": kind},
                )
            )
    fig.update_xaxes(title_text="Date joined")
    fig.update_yaxes(title_text="Members so far", rangemode="tozero")
    fig.update_layout(legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0})
    title = "Who signed up? Members of the ILRS and the Artemis Accords over time"
    return finish_figure(fig, ds, name="partner_growth", title=title, source_ids=p["source_ids"],
                   dark=dark)


def _counts(p: pd.DataFrame, fw: str) -> tuple[int, int]:
    rows = p[p["framework"] == fw]
    return int((rows["kind"] == "country").sum()), int((rows["kind"] == "organization").sum())


def summary(
    ds: Any,
    *,
    frameworks: Sequence[str] | None = None,
    until: object = None,
    dark: bool = False,
) -> str:
    """Plain sentences with the member counts of each framework.

    Without ``until`` every listed member counts, also those with no known joining date (the
    lines cannot place them, and the summary says so). The last official count is quoted
    when it differs from our list.
    """
    p = dated_partners(ds, until)
    if until is None:
        listed_all = ds.partners
        undated = ds.partners[ds.partners["joined_on"].isna()
                              | (ds.partners["joined_on"].astype("string") == "")]
    else:
        listed_all = p
        undated = p.iloc[0:0]
    when = pd.Timestamp(ds.as_of) if until is None else min(until_timestamp(until), ds.as_of)
    parts = []
    frameworks = list(frameworks or FRAMEWORKS)
    for fw in frameworks:
        countries, orgs = _counts(listed_all, fw)
        if fw == "ILRS":
            parts.append(f"{plural(countries, 'country', 'countries')} and "
                         f"{plural(orgs, 'organization')} had joined the ILRS")
        else:
            n = countries + orgs
            parts.append(f"the {fw} had {plural(n, 'signatory', 'signatories')}")
    text = f"By {month_year(when)}, " + "; ".join(parts) + "."
    undated = undated[undated["framework"].isin(frameworks)]
    if not undated.empty:
        names = [plain(e) for e in undated["entity"]]
        text += (f" {plural(len(undated), 'member')} with no known joining date "
                 f"({join_names(names, 4)}) {is_are(len(undated))} not on the lines.")
    if until is None and hasattr(ds, "framework_counts"):
        notes = []
        for row in ds.framework_counts.itertuples():
            if row.framework not in frameworks or is_missing(row.count):
                continue
            listed = sum(_counts(listed_all, row.framework))
            if int(row.count) != listed:
                start, _, prec = date_columns(ds.framework_counts.loc[[row.Index]], "as_of")
                notes.append(f"the last official count we found for the {row.framework} was "
                             f"{int(row.count)} ({date_label(start.iloc[0], prec.iloc[0])}), "
                             f"while our list has {listed}")
        if notes:
            text += (" Sources count members differently: " + "; ".join(notes) + ".")
    return text
