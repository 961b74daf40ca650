"""Treemap of the four ILRS roles, their objectives and missions."""

from __future__ import annotations

import textwrap
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import theme
from .common import (
    as_text,
    esc,
    finish_figure,
    hover_text,
    ink_on,
    mission_names,
    mix_colors,
    plural,
    source_line,
    wrap_text,
)

ROLE_COLORS = {
    "lunar exploration and utilization": theme.PALETTE["vermillion"],
    "lunar-based observation": theme.PALETTE["blue"],
    "basic scientific experiments": theme.PALETTE["bluish_green"],
    "technical verification": theme.PALETTE["orange"],
}


def _roles_tree(ds: Any) -> pd.DataFrame:
    """Nodes of the roles → objectives → missions tree."""
    names = mission_names(ds)
    programs = dict(zip(ds.missions["id"].astype(str), ds.missions["program"], strict=True))
    nodes: dict[str, dict[str, Any]] = {}
    for r in ds.station_roles.itertuples():
        role, objective, mid = as_text(r.role), as_text(r.objective), as_text(r.mission_id)
        rid = f"role:{role}"
        oid = f"{rid}/objective:{objective}"
        lid = f"{oid}/mission:{mid or '-'}"
        nodes.setdefault(rid, {"id": rid, "parent": "", "label": role, "level": "role",
                               "role": role, "sources": []})
        nodes.setdefault(oid, {"id": oid, "parent": rid, "label": objective,
                               "level": "objective", "role": role, "sources": []})
        leaf = nodes.setdefault(lid, {
            "id": lid, "parent": oid, "label": names.get(mid, mid) if mid else "no mission yet",
            "level": "mission", "role": role, "mission_id": mid,
            "program": programs.get(mid, ""), "summary": as_text(r.summary), "sources": [],
        })
        for key in (rid, oid, lid):
            nodes[key]["sources"].append(as_text(r.source_ids))
        del leaf
    return pd.DataFrame(list(nodes.values()))


#: Width (px) the roles treemap is laid out for; text is wrapped to fit it (and ~1000 px).
ROLES_LAYOUT_PX = 1180
#: Rough width of one character of 16 px bold text, for wrapping tile text.
ROLES_CHAR_PX = 10.5
#: Smallest column width of a role, counted in objectives (fits its name at 1000 px).
ROLES_MIN_COLUMN = 4.5


def figure(ds: Any, *, role: str | None = None, dark: bool = False) -> go.Figure:
    """Treemap: the four ILRS roles, each with its objectives and the missions serving them.

    The first view shows roles (coloured headers) and objective tiles that list their missions;
    clicking an objective zooms in to one tile per mission. Every objective gets the same area.
    """
    tree = _roles_tree(ds)
    if role is not None:
        tree = tree[tree["role"] == role]
    # One visible root, so the path bar reads "All four roles › role" after a click, and the
    # roles are always columns with their objectives stacked as rows.
    root = {"id": "all", "parent": "", "level": "root", "role": "",
            "label": "All four roles" if role is None else "ILRS roles",
            "sources": list(tree.loc[tree["level"] == "role", "sources"].sum() or [])}
    tree = pd.concat([pd.DataFrame([root]), tree.assign(parent=tree["parent"].replace("", "all"))])
    tree = tree.reset_index(drop=True)
    children = tree.groupby("parent")["id"].apply(list).to_dict()
    # Each role is a column whose width follows its number of objectives (at least
    # ROLES_MIN_COLUMN, so short columns still fit their words); the objectives share it equally.
    per_role = tree[tree["level"] == "objective"].groupby("role").size().to_dict()
    weight = {r: max(n, ROLES_MIN_COLUMN) for r, n in per_role.items()}
    total = sum(weight.values()) or 1
    paper = "#1E1E1E" if dark else "#FFFFFF"
    values, colors, inks, texts, hover = [], [], [], [], []
    for n in tree.itertuples():
        base = ROLE_COLORS.get(n.role, theme.PALETTE["grey"])
        kids = children.get(n.id, [])
        leaves = tree[tree["parent"] == n.id] if n.level == "objective" else tree.iloc[0:0]
        named = [lab for lab, mid in zip(leaves["label"], leaves["mission_id"], strict=True)
                 if as_text(mid)]
        cite = "<br>".join(esc(line) for line in textwrap.wrap(
            source_line(ds, n.sources, limit=2), 70))
        # Roles are columns as wide as their share of objectives; wrap text to fit them.
        share = weight.get(n.role, total) / total
        wrap = int(min(60, max(16, (ROLES_LAYOUT_PX * share - 16) / ROLES_CHAR_PX)))
        if n.level == "root":
            values.append(0.0)
            color = "#3A3A3A" if dark else "#E8E8E8"
            text = f"<b>{esc(n.label)}</b>"
            tip = hover_text(f"<b>{esc(n.label)}</b> of the ILRS", cite)
        elif n.level == "role":
            values.append(0.0)
            color = base
            text = f"<b>{esc(n.label[:1].upper() + n.label[1:])}</b>"
            tip = hover_text(f"Role: <b>{esc(n.label)}</b>",
                         esc(f"{plural(len(kids), 'objective')}; click to zoom in"), cite)
        elif n.level == "objective":
            values.append(0.0 if kids else weight.get(n.role, 1) / per_role.get(n.role, 1))
            color = mix_colors(base, paper, 0.55 if dark else 0.72)
            # Non-breaking spaces keep each mission name on one line.
            joined = " · ".join(x.replace(" ", "\u00a0") for x in named)
            missions = wrap_text(joined, wrap) if named else "<i>no mission yet</i>"
            text = f"<b>{wrap_text(n.label, wrap)}</b><br>{missions}"
            summaries = tree.loc[tree["parent"] == n.id, "summary"]
            tip = hover_text(f"Objective: <b>{esc(n.label)}</b>", f"Role: {esc(n.role)}",
                         *(wrap_text(s, 70) for s in summaries if as_text(s)), cite)
        else:
            siblings = len(children.get(n.parent, [])) or 1
            values.append(weight.get(n.role, 1) / per_role.get(n.role, 1) / siblings)
            color = mix_colors(base, paper, 0.35 if dark else 0.45) if as_text(n.mission_id) \
                else mix_colors(theme.PALETTE["grey"], paper, 0.5)
            text = f"<b>{esc(n.label)}</b><br>{wrap_text(n.summary, wrap)}"
            objective = tree.loc[tree["id"] == n.parent, "label"].iloc[0]
            tip = hover_text(f"Mission: <b>{esc(n.label)}</b>", f"Objective: {esc(objective)}",
                         wrap_text(n.summary, 70), cite)
        colors.append(color)
        inks.append(ink_on(color))
        texts.append(text)
        hover.append(tip)
    fig = go.Figure(
        go.Treemap(
            ids=list(tree["id"]),
            parents=list(tree["parent"]),
            # Treemap headers always show the label, so roles get a capitalised bold label.
            labels=[f"<b>{esc(x[:1].upper() + x[1:])}</b>" if lv == "role" else esc(x)
                    for x, lv in zip(tree["label"], tree["level"], strict=True)],
            values=values,
            branchvalues="remainder",
            text=texts,
            texttemplate="%{text}",
            textposition="middle center",
            textfont={"size": [17 if lv == "role" else 16 for lv in tree["level"]],
                      "color": inks},
            marker={"colors": colors, "line": {"color": paper, "width": 2},
                    "pad": {"t": 36, "l": 4, "r": 4, "b": 4}},
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            maxdepth=3,
            pathbar={"visible": True, "textfont": {"size": 15}},
            tiling={"packing": "slice-dice", "pad": 3},
            sort=False,
        )
    )
    fig.update_layout(uniformtext={"minsize": 14, "mode": "show"})
    rows = ds.station_roles if role is None else ds.station_roles[ds.station_roles["role"] == role]
    title = ("What will the ILRS do? Four roles, their objectives and missions" if role is None
             else f"What will the ILRS do? The role “{role}”")
    finish_figure(fig, ds, name="station_roles", title=title, source_ids=rows["source_ids"],
            dark=dark, height=680)
    fig.update_layout(title_subtitle={
        "text": "Click a tile to see its missions; click the path bar above the tiles to go back.",
        "font": {"size": 15}})
    # No axes here, so the source line can sit right under the tiles.
    fig.update_annotations(selector={"name": "source"}, yshift=-8)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 104, "b": 36})
    return fig


def summary(ds: Any, *, role: str | None = None, dark: bool = False) -> str:
    """Plain sentences: numbers of roles, objectives and linked missions."""
    sr = ds.station_roles
    if role is not None:
        sr = sr[sr["role"] == role]
    roles = sr["role"].nunique()
    objectives = sr[["role", "objective"]].drop_duplicates()
    missions = sr["mission_id"].dropna()
    missions = missions[missions.astype(str) != ""].unique()
    has_mission = sr["mission_id"].notna() & (sr["mission_id"].astype("string") != "")
    without = objectives.merge(
        sr[has_mission][["role", "objective"]].drop_duplicates(), how="left", indicator=True
    )
    empty = int((without["_merge"] == "left_only").sum())
    text = (
        f"The ILRS plan splits the station's work into {plural(roles, 'role')} and "
        f"{plural(len(objectives), 'objective')}; {plural(len(missions), 'mission')} "
        f"{'is' if len(missions) == 1 else 'are'} linked to them."
    )
    if empty:
        text += f" {plural(empty, 'objective')} {'has' if empty == 1 else 'have'} no mission yet."
    return text
