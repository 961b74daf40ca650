"""Members of the ILRS and the Artemis Accords over time (lesson 01).

Options: ``frameworks`` (which groups, default both) and ``year`` (count members who had
joined by the end of that year; default: everyone up to the data's date).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import facts
from ..text import format_date
from ..text import format_list
from ..text import format_number
from ..text import nt
from ..text import t
from ..theme import FRAMEWORK_COLORS
from ..theme import framework_name
from .common import FRAMEWORKS
from .common import date_label
from .common import dated_partners
from .common import esc
from .common import finish_figure
from .common import hover_source
from .common import hover_text
from .common import plain
from .common import until_timestamp


def figure(
    ds: Any,
    *,
    frameworks: Sequence[str] | None = None,
    year: int | None = None,
    dark: bool = False,
) -> go.Figure:
    """Cumulative members over time, ILRS vs Artemis Accords, countries and organizations."""
    frameworks = list(frameworks or FRAMEWORKS)
    p = dated_partners(ds, year)
    end = pd.Timestamp(ds.as_of) if year is None else min(until_timestamp(year), ds.as_of)
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
                when = date_label(day, g["c_prec"].iloc[0])
                hover.append(hover_text(
                    f"<b>{esc(framework_name(fw))}</b>: {esc(_members(kind, total))}",
                    esc(t("joined {date}:", date=when)) + f" {names}",
                    hover_source(ds, list(g["source_ids"].astype(str))),
                ))
            xs.append(end)
            ys.append(total)
            hover.append(hover_text(
                f"<b>{esc(framework_name(fw))}</b>: {esc(_members(kind, total))}",
                esc(t("as of {date}", date=ds.as_of_text))))
            fig.add_trace(
                go.Scatter(
                    x=xs, y=ys, mode="lines+markers", line_shape="hv",
                    name=esc(_series_name(fw, kind)),
                    line={"color": FRAMEWORK_COLORS.get(fw, "#999999"), "dash": dash,
                          "width": 3},
                    marker={"size": 8, "symbol": "circle" if kind == "country" else "square"},
                    hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
                    meta={"framework": fw, "kind": kind},
                )
            )
    fig.update_xaxes(title_text=t("Date joined"))
    fig.update_yaxes(title_text=t("Members so far"), rangemode="tozero")
    fig.update_layout(legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0})
    title = t("Who signed up? Members of the ILRS and the Artemis Accords over time")
    return finish_figure(fig, ds, name="partner_growth", title=title, source_ids=p["source_ids"],
                   dark=dark)


def _members(kind: str, n: int) -> str:
    """'3 countries' or '1 organization'."""
    if kind == "organization":
        return nt("{n} organization", "{n} organizations", n)
    return nt("{n} country", "{n} countries", n)


def _series_name(framework: str, kind: str) -> str:
    """Key entry of one line: the group and the kind of member."""
    if kind == "organization":
        return t("{framework}: organizations", framework=framework_name(framework))
    return t("{framework}: countries", framework=framework_name(framework))


def summary(
    ds: Any,
    *,
    frameworks: Sequence[str] | None = None,
    year: int | None = None,
    dark: bool = False,
) -> str:
    """Plain sentences with the member counts of each framework.

    Without ``year`` every listed member counts, also those with no known joining date (the
    lines cannot place them, and the summary says so). The last official count is quoted
    when it differs from our list.
    """
    undated = ds.partners[ds.partners["joined_on"].isna()] if year is None \
        else ds.partners.iloc[0:0]
    when = pd.Timestamp(ds.as_of) if year is None else min(until_timestamp(year), ds.as_of)
    date = format_date(when, "month")
    frameworks = list(frameworks or FRAMEWORKS)
    sentences = []
    for fw in frameworks:
        countries = facts.member_count(ds, fw, "country", year=year)
        orgs = facts.member_count(ds, fw, "organization", year=year)
        if fw == "ILRS":
            sentences.append(t("By {date}, {countries} and {organizations} had joined the ILRS.",
                               date=date, countries=_members("country", countries),
                               organizations=_members("organization", orgs)))
        else:
            sentences.append(t("By {date}, the {framework} had {signatories}.", date=date,
                               framework=framework_name(fw),
                               signatories=nt("{n} signatory", "{n} signatories",
                                              countries + orgs)))
    undated = undated[undated["framework"].isin(frameworks)]
    if not undated.empty:
        names = format_list([plain(e) for e in undated["entity"]], limit=4)
        sentences.append(nt(
            "{n} member with no known joining date ({names}) is not on the lines.",
            "{n} members with no known joining date ({names}) are not on the lines.",
            len(undated), names=names))
    if year is None:
        for fw in frameworks:
            official = facts.official_count(ds, fw)
            listed = facts.member_count(ds, fw)
            if official is not None and official.count != listed:
                sentences.append(t(
                    "Sources count members differently: the last official count we found for "
                    "the {framework} was {official} ({date}), while our list has {listed}.",
                    framework=framework_name(fw), official=format_number(official.count),
                    date=format_date(official.as_of, official.precision),
                    listed=format_number(listed)))
    return " ".join(sentences)
