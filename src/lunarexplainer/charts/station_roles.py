"""Treemap of the four ILRS roles, their objectives and the missions serving them (lesson 02).

One builder (the contract in :mod:`.common`) gives the three views of this chart: the figure
that ``show(ds, "station_roles")`` draws, the live
:class:`~lunarexplainer.explorers.RolesExplorer` and its static (kernel-free) form. The one
option is ``role``: ``"all"`` (the four roles side by side) or one of the four roles.

* With ``"all"`` each role is a coloured column (a top-level tile, so there is no extra band
  above the roles) and each of its objectives a tile that lists its missions with their
  outcome in words ("Luna 25 (failed)"), never by colour: the roles' colours are a neutral
  set of greys (:data:`~lunarexplainer.theme.ROLE_COLORS`), never an outcome's or a side's.
* With one role, only that role is drawn (it is the root), so an explorer's redraw is much
  smaller than the whole chart.
* ``maxdepth=2``: a view shows one level under the tile it starts from. A click on an
  objective shows one tile per mission, with its outcome, launch and what it does; a click on
  a role shows its objectives. Headers never stack, and each tile is sized for its text
  (:func:`column_widths`), so text stays inside the tiles.

Everything that does not depend on the option is computed once in :func:`prepare`; a
:func:`build` only picks the prepared trace and layout for the role.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from dataclasses import field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import theme
from ..text import display_width
from ..text import format_date
from ..text import format_list
from ..text import nt
from ..text import t
from ..text import wrap_lines
from ..vocab import ROLES
from .common import Spec
from .common import as_text
from .common import empty_note
from .common import esc
from .common import finish_figure
from .common import footer_text
from .common import hover_source
from .common import hover_text
from .common import indexed_paths
from .common import ink_on
from .common import is_missing
from .common import menu_args
from .common import mission_names
from .common import mix_colors
from .common import opens_saying
from .common import plain
from .common import saying
from .common import wrap_text
from .sizes import BOLD_CHAR_PX
from .sizes import CHAR_PX
from .sizes import LINE_PX
from .sizes import TEXT_PX
from .sizes import menu_y

NAME = "station_roles"
#: The option value for the four roles side by side.
ALL_ROLES = "all"

#: The roles' colours: a neutral set, defined with every other colour meaning in the theme.
ROLE_COLORS = theme.ROLE_COLORS

#: Figure height (px) and margins: fits a 1280×720 projector with the source line under it.
HEIGHT = 680
MARGIN = {"l": 10, "r": 10, "t": 84, "b": 48}
#: The static form puts its role menu in a row of its own under the subtitle.
MENU_ROW_PX = 40
MENU_TOP_PX = 80
#: Width (px) the tiles are laid out for: the static site's page (1100 px less its padding);
#: Lab and Voila on a 1280 px screen give a little more.
LAYOUT_PX = 1060
#: Height of a tile's header band (16 px bold text and a little air).
HEADER_BAND_PX = 26
#: The static form is one menu row taller, and still fits a 720 px window.
STATIC_HEIGHT = HEIGHT + MENU_ROW_PX - 4
#: Height (px) the objective tiles of one column share in the smaller (static) form: its plot
#: area less two header bands (the treemap's unnamed root, then the role) and tiling gaps.
COLUMN_PX = STATIC_HEIGHT - MARGIN["t"] - MENU_ROW_PX - MARGIN["b"] - 2 * HEADER_BAND_PX - 6
#: The padding around a tile's text, and the tile text of one role alone (px); tile text is
#: otherwise :data:`.sizes.TEXT_PX`.
TILE_PAD_PX = 8
ONE_ROLE_TEXT_PX = 18
HOVER_CHARS = 56


def status_word(status: object) -> str:
    """A mission's status in words, as a tile and a hover say it."""
    if status == "success":
        return t("succeeded")
    if status == "partial":
        return t("partly succeeded")
    if status == "failure":
        return t("failed")
    if status == "planned":
        return t("planned")
    if status == "in_progress":
        return t("under way")
    if status == "cancelled":
        return t("cancelled")
    return t("status unknown")


def status_count(status: str, n: int) -> str:
    """'3 succeeded', '2 still planned', ... for the summary."""
    if status == "success":
        return nt("{n} succeeded", "{n} succeeded", n)
    if status == "partial":
        return nt("{n} partly succeeded", "{n} partly succeeded", n)
    if status == "failure":
        return nt("{n} failed", "{n} failed", n)
    if status == "planned":
        return nt("{n} still planned", "{n} still planned", n)
    if status == "in_progress":
        return nt("{n} under way", "{n} under way", n)
    return nt("{n} cancelled", "{n} cancelled", n)


def objective_count(n: int) -> str:
    return nt("{n} objective", "{n} objectives", n)


def mission_count(n: int) -> str:
    return nt("{n} mission", "{n} missions", n)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------------------------
# prepare: the tree, its counts and its texts, once
# ---------------------------------------------------------------------------------------------


@dataclass
class Prepared:
    """What every view of the chart is picked from (see :func:`prepare`)."""

    ds: Any
    #: The option values, in menu order: ``"all"`` and the four roles.
    roles: list[str]
    #: Nodes of the whole tree: one dict per role, objective and mission tile.
    nodes: pd.DataFrame
    #: Per role value: title, summary, source ids, counts (see :func:`view_facts`).
    facts: dict[str, dict[str, Any]]
    #: ``(role, dark)`` -> built spec, filled on first use.
    specs: dict[tuple[str, bool], Spec] = field(default_factory=dict)


def mission_table(ds: Any) -> dict[str, dict[str, Any]]:
    """Mission id -> name, status, status in words and launch date in words."""
    m = ds.missions
    names = mission_names(ds)
    out = {}
    for mid, status, start, prec, qual in zip(
            m["id"].astype(str), m["status"], m["launch_date_start"],
            m["launch_date_precision"], m["date_qualifier"], strict=True):
        launch = "" if is_missing(start) else format_date(
            start, as_text(prec) or "day", as_text(qual) or None)
        out[mid] = {"name": names.get(mid, mid), "status": as_text(status),
                    "outcome": status_word(as_text(status)), "launch": launch}
    return out


def tree_nodes(ds: Any) -> pd.DataFrame:
    """One row per node of roles → objectives → missions (missions in data order)."""
    missions = mission_table(ds)
    nodes: dict[str, dict[str, Any]] = {}
    for r in ds.station_roles.itertuples():
        role, objective, mid = as_text(r.role), as_text(r.objective), as_text(r.mission_id)
        rid = level_of(role)
        oid = f"{rid}/objective:{objective}"
        lid = f"{oid}/mission:{mid or '-'}"
        info = missions.get(mid, {"name": mid, "status": "", "outcome": "", "launch": ""})
        nodes.setdefault(rid, {"id": rid, "parent": "", "label": theme.role_name(role),
                               "level": "role",
                               "role": role, "sources": []})
        nodes.setdefault(oid, {"id": oid, "parent": rid, "label": objective,
                               "level": "objective", "role": role, "objective": objective,
                               "sources": []})
        nodes.setdefault(lid, {
            "id": lid, "parent": oid, "label": info["name"] if mid else t("no mission yet"),
            "level": "mission", "role": role, "objective": objective, "mission_id": mid,
            "status": info["status"] if mid else "", "outcome": info["outcome"] if mid else "",
            "launch": info["launch"] if mid else "", "summary": as_text(r.summary),
            "sources": []})
        for key in (rid, oid, lid):
            nodes[key]["sources"].append(as_text(r.source_ids))
    for node in nodes.values():  # each node's short source line, wrapped for its hover
        node["cite"] = hover_source(ds, node["sources"])
    columns = ["id", "parent", "label", "level", "role", "objective", "mission_id", "status",
               "outcome", "launch", "summary", "sources", "cite"]
    frame = pd.DataFrame(list(nodes.values()), columns=columns)
    return frame.astype({c: object for c in columns}).where(frame.notna(), "")


def view_facts(ds: Any, nodes: pd.DataFrame, role: str) -> dict[str, Any]:
    """Counts, title, summary and sources of one view, computed once for every view."""
    rows = nodes if role == ALL_ROLES else nodes[nodes["role"] == role]
    objectives = rows[rows["level"] == "objective"]
    leaves = rows[rows["level"] == "mission"]
    named = leaves[leaves["mission_id"] != ""].drop_duplicates("mission_id")
    served = set(leaves.loc[leaves["mission_id"] != "", "parent"])
    n_roles = int((rows["level"] == "role").sum())
    n_obj, n_mis = len(objectives), len(named)
    waiting = int((~objectives["id"].isin(served)).sum())
    statuses = named["status"].value_counts()
    parts = [status_count(s, int(statuses[s])) for s in theme.STATUS_COLORS if s in statuses]
    name = theme.role_name(role)
    label = plain(name)
    if n_obj == 0:
        empty = t("There are no objectives for the role “{role}” in the data yet.", role=label)
        title = t("The ILRS role “{role}”: nothing in the data yet", role=name)
        sentences = [empty]
    else:
        empty = ""
        if role == ALL_ROLES:
            title = t("What will the ILRS do? {roles}, {objectives}, {missions}",
                      roles=nt("{n} role", "{n} roles", n_roles),
                      objectives=objective_count(n_obj), missions=mission_count(n_mis))
            first = t("The ILRS plan splits the station's work into {roles} and {objectives} "
                      "served by {missions}.", roles=nt("{n} role", "{n} roles", n_roles),
                      objectives=objective_count(n_obj), missions=mission_count(n_mis))
        else:
            title = t("The ILRS role “{role}”: {objectives}, {missions}", role=name,
                      objectives=objective_count(n_obj), missions=mission_count(n_mis))
            first = t("For the role “{role}”, the plan lists {objectives} served by "
                      "{missions}.", role=label, objectives=objective_count(n_obj),
                      missions=mission_count(n_mis))
        sentences = [first]
        if n_mis and waiting:
            sentences.append(nt("{n} objective has no mission yet.",
                                "{n} objectives have no mission yet.", waiting))
        if parts:
            sentences.append(t("Mission status: {statuses}.", statuses=format_list(parts)))
    return {"title": title, "summary": " ".join(sentences), "empty": empty,
            "source_ids": [s for group in rows.loc[rows["level"] == "role", "sources"]
                           for s in group] if n_roles else [],
            "roles": n_roles, "objectives": n_obj, "missions": n_mis, "waiting": waiting}


#: The last dataset prepared and its preparation (see :func:`prepare`).
_LAST: list[tuple[weakref.ref[Any], Prepared]] = []


def prepare(ds: Any) -> Prepared:
    """The tree, every view's facts and every view's spec (dark ones are built on first use).

    The preparation of the last dataset is kept while that dataset lives, so a lesson's
    ``show(ds, "station_roles")`` (its figure, then its summary) and ``RolesExplorer(ds)``
    prepare once, not three times. A dataset is read-only (see :class:`~lunarexplainer.data.
    Dataset`); a changed copy is another dataset and is prepared anew.
    """
    for ref, prepared in _LAST:
        if ref() is ds:
            return prepared
    prepared = prepare_anew(ds)
    _LAST[:] = [(weakref.ref(ds), prepared)]
    return prepared


def prepare_anew(ds: Any) -> Prepared:
    """:func:`prepare` without the kept preparation."""
    nodes = tree_nodes(ds)
    extra = [r for r in dict.fromkeys(nodes["role"]) if r not in ROLES]
    roles = [ALL_ROLES, *ROLES, *extra]
    facts = {role: view_facts(ds, nodes, role) for role in roles}
    prepared = Prepared(ds=ds, roles=roles, nodes=nodes, facts=facts)
    for role in roles:
        build(prepared, role=role)  # every light view, so an explorer's update only picks one
    return prepared


def level_of(role: str) -> str:
    """The treemap level (a tile id) a view starts from: "" for all four roles."""
    return "" if role == ALL_ROLES else f"role:{role}"


def role_of_level(level: str) -> str:
    """The role option whose view starts from treemap ``level`` (see :func:`level_of`)."""
    return level.removeprefix("role:") if level.startswith("role:") else ALL_ROLES


def role_options(prepared: Prepared) -> list[tuple[str, str]]:
    """``(label, value)`` of every role choice, for a dropdown and the static menu."""
    return [(t("all four roles") if r == ALL_ROLES else theme.role_name(r), r)
            for r in prepared.roles]


# ---------------------------------------------------------------------------------------------
# Tile sizes: each tile as big as its text needs
# ---------------------------------------------------------------------------------------------


def chars_for(px: float, size: int = TEXT_PX, *, bold: bool = False) -> int:
    """Characters of ``size`` px (bold) tile text that fit a tile ``px`` wide."""
    char = (BOLD_CHAR_PX if bold else CHAR_PX) * size / TEXT_PX
    return int(max(12, min(60, (px - 24) / char)))


def plotly_safe(text: str) -> str:
    """Escaped text as Plotly shows it: it reads numeric character references but not
    ``&quot;``, so a quote in a source's title is written ``&#34;``."""
    return text.replace("&quot;", "&#34;")


def lines_of(text: str, chars: int) -> int:
    return max(1, len(wrap_lines(text, chars, break_long_words=False, break_on_hyphens=True)))


def wrapped(text: str, chars: int) -> str:
    """Data text wrapped to ``chars`` a line, never inside a word (or a no-break unit such as
    "Luna 25 (failed)"), each line escaped, joined with <br>."""
    return "<br>".join(esc(line) for line in wrap_lines(text, chars, break_long_words=False,
                                                         break_on_hyphens=True))


def objective_missions(leaves: pd.DataFrame) -> str:
    """'Luna 25 (failed) · Chang'e 7 (planned)' (plain; no-break spaces inside each mission)."""
    if not (leaves["mission_id"] != "").any():
        return ""
    units = [t("{mission} ({outcome})", mission=name, outcome=outcome).replace(" ", "\u00a0")
             for name, outcome, mid in zip(leaves["label"], leaves["outcome"],
                                           leaves["mission_id"], strict=True) if mid]
    # The dot stays at the end of the line before it, never alone or first on a line.
    return "\u00a0· ".join(units)


def objective_lines(label: str, missions: str, px: float, size: int = TEXT_PX) -> int:
    """Lines of an objective tile ``px`` wide: its bold name, then its missions."""
    return (lines_of(label, chars_for(px, size, bold=True))
            + lines_of(missions or t("no mission yet"), chars_for(px, size)))


def column_widths(columns: dict[str, list[tuple[str, str]]], total: float = LAYOUT_PX,
                  height: float = COLUMN_PX, step: float = 8) -> dict[str, float]:
    """Width (px) of each role's column so that its objectives' text fits its height.

    ``columns`` maps a role to its objectives' ``(label, missions)`` texts. Each column is at
    least as wide as its header; the rest of the width goes, a step at a time, to the column
    that needs the most height for its text.
    """
    if not columns:
        return {}
    floor = {r: display_width(theme.role_name(r)) * BOLD_CHAR_PX + 36 for r in columns}

    def need(role: str, px: float) -> float:
        objectives = columns[role]
        lines = sum(objective_lines(lab, mis, px) for lab, mis in objectives)
        return (lines * LINE_PX + len(objectives) * TILE_PAD_PX) / height

    widths = dict(floor)
    spare = total - sum(widths.values())
    if spare <= 0:
        scale = total / sum(widths.values())
        return {r: w * scale for r, w in widths.items()}
    worst = max(widths, key=lambda r: need(r, widths[r]))
    while spare >= step:
        worst = max(widths, key=lambda r: need(r, widths[r]))
        widths[worst] += step
        spare -= step
    # What is left (less than a step) keeps the columns filling the width.
    widths[worst] += spare
    return widths


# ---------------------------------------------------------------------------------------------
# build: the trace and layout of one view
# ---------------------------------------------------------------------------------------------


def view_trace(prepared: Prepared, role: str, dark: bool) -> dict[str, Any]:
    """The treemap trace of one view, as a plain dict."""
    nodes = prepared.nodes
    rows = nodes if role == ALL_ROLES else nodes[nodes["role"] == role]
    paper = "#1E1E1E" if dark else "#FFFFFF"
    objectives = rows[rows["level"] == "objective"]
    leaves = rows[rows["level"] == "mission"]
    kids = {oid: group for oid, group in leaves.groupby("parent", sort=False)}
    missions_of = {oid: objective_missions(kids[oid]) for oid in objectives["id"]}
    per_role = {r: list(zip(g["label"], (missions_of[o] for o in g["id"]), strict=True))
                for r, g in objectives.groupby("role", sort=False)}
    if role == ALL_ROLES:
        # Roles are columns; an objective's height in its column follows its text.
        widths = column_widths(per_role)
        value_of = {}
        for r, group in objectives.groupby("role", sort=False):
            lines = [objective_lines(lab, missions_of[o], widths[r]) * LINE_PX + TILE_PAD_PX
                     for lab, o in zip(group["label"], group["id"], strict=True)]
            value_of.update({o: widths[r] * n / sum(lines)
                             for o, n in zip(group["id"], lines, strict=True)})
        obj_px = {o: widths[r] for o, r in zip(objectives["id"], objectives["role"], strict=True)}
        text_px = TEXT_PX
    else:
        # One role: its objectives are columns of equal width, with room for larger text.
        n = max(len(objectives), 1)
        text_px = ONE_ROLE_TEXT_PX
        value_of = {o: LAYOUT_PX / n for o in objectives["id"]}
        obj_px = {o: LAYOUT_PX / n for o in objectives["id"]}
    none_yet = f"<i>{esc(t('no mission yet'))}</i>"
    ids, parents, labels, values, texts, hovers, colors = ([] for _ in range(7))
    for node in rows.itertuples():
        base = ROLE_COLORS.get(node.role, theme.PALETTE["grey"])
        cite = node.cite
        if node.level == "role":
            color, value = base, 0.0
            n_obj = int((objectives["role"] == node.role).sum())
            n_mis = leaves.loc[(leaves["role"] == node.role) & (leaves["mission_id"] != ""),
                               "mission_id"].nunique()
            label = text = f"<b>{esc(capitalised(node.label))}</b>"
            hover = hover_text(
                t("Role: {role}", role=f"<b>{esc(node.label)}</b>"),
                esc(t("{objectives}, {missions}", objectives=objective_count(n_obj),
                      missions=mission_count(n_mis))),
                esc(t("Click to see only this role; click its band again to go back."))
                if role == ALL_ROLES else "", cite)
        elif node.level == "objective":
            color = mix_colors(base, paper, 0.55 if dark else 0.72)
            value = 0.0
            px = obj_px[node.id]
            missions = missions_of[node.id]
            listed = wrapped(missions, chars_for(px, text_px)) if missions else none_yet
            label = esc(node.label)
            text = f"<b>{wrapped(node.label, chars_for(px, text_px, bold=True))}</b><br>{listed}"
            own = kids[node.id]
            lines = [esc(t("{mission}: {outcome}", mission=name, outcome=outcome)) if mid
                     else none_yet
                     for name, outcome, mid in zip(own["label"], own["outcome"],
                                                   own["mission_id"], strict=True)]
            hover = hover_text(
                t("Objective: {objective}",
                  objective=f"<b>{wrap_text(node.label, HOVER_CHARS)}</b>"),
                esc(t("Role: {role}", role=theme.role_name(node.role))), *lines,
                esc(t("Click to see what each mission does.")), cite)
        else:
            siblings = len(kids[node.parent])
            value = value_of.get(node.parent, 1.0) / siblings
            chars = chars_for(LAYOUT_PX / siblings, text_px)
            named = bool(node.mission_id)
            color = (mix_colors(base, paper, 0.35 if dark else 0.45) if named
                     else mix_colors(theme.PALETTE["grey"], paper, 0.5))
            label = esc(node.label)
            head = (f"<b>{esc(node.label)}</b> ({esc(node.outcome)})" if named
                    else f"<b><i>{esc(node.label)}</i></b>")
            launch = esc(t("Launch: {date}", date=node.launch)) if named and node.launch else ""
            text = hover_text(head, launch, wrapped(node.summary, chars))
            hover = hover_text(
                t("Mission: {mission}", mission=f"<b>{esc(node.label)}</b>") if named
                else f"<b>{esc(capitalised(node.label))}</b>",
                esc(t("Outcome: {outcome}", outcome=node.outcome)) if named else "",
                launch,
                t("Objective: {objective}", objective=wrap_text(node.objective, HOVER_CHARS)),
                wrap_text(node.summary, HOVER_CHARS), cite)
        ids.append(node.id)
        parents.append(node.parent)
        labels.append(plotly_safe(label))
        values.append(value)
        texts.append(plotly_safe(text))
        hovers.append(plotly_safe(hover))
        colors.append(color)
    return {
        "type": "treemap", "ids": ids, "parents": parents, "labels": labels, "values": values,
        "text": texts, "hovertext": hovers,
        "textfont": {"size": text_px, "color": [ink_on(c) for c in colors]},
        "marker": {"colors": colors},
        # A view starts from its root: a change of role also undoes a click's zoom.
        "level": level_of(role),
    }


def trace_style(dark: bool) -> dict[str, Any]:
    """What every view's treemap shares (set once by :func:`figure_from`, not by each build)."""
    return {
        "branchvalues": "remainder", "texttemplate": "%{text}", "textposition": "middle center",
        "hovertemplate": "%{hovertext}<extra></extra>",
        "marker": {"line": {"color": "#1E1E1E" if dark else "#FFFFFF", "width": 2},
                   "pad": {"t": HEADER_BAND_PX, "l": 4, "r": 4, "b": 4}},
        "maxdepth": 2, "sort": False,
        # No path bar: it would need a band of its own above the tiles (it overlapped the
        # subtitle), and the band at the top of a zoomed view already leads back up.
        "pathbar": {"visible": False},
        "tiling": {"packing": "slice-dice", "pad": 3},
        "name": NAME,
    }


#: Where :func:`figure_from` puts the 'nothing to show' note and the source footer.
NOTE, FOOTER = 0, 1


def view_layout(prepared: Prepared, role: str, dark: bool) -> dict[str, Any]:
    """What changes in the layout with the role: the title, the note and the source footer.

    Only the values that change, so a live figure updates just those (annotations merge one
    by one, ``NOTE`` then ``FOOTER``); a static menu button sets the same values by index
    (:func:`~lunarexplainer.charts.common.indexed_paths`).
    """
    facts = prepared.facts[role]
    note = empty_note(facts["empty"] or t("Nothing to show"), visible=bool(facts["empty"]))
    annotations: list[dict[str, Any]] = [{}, {}]
    annotations[NOTE] = {"text": note["text"], "visible": note["visible"]}
    annotations[FOOTER] = {"text": footer_text(prepared.ds, facts["source_ids"])}
    return {"title": {"text": esc(facts["title"])}, "annotations": annotations}


def build(prepared: Prepared, *, role: str = ALL_ROLES, dark: bool = False) -> Spec:
    """The spec of one view: one treemap trace and the layout that changes with ``role``.

    An unknown role, or one with no rows in the data, gives an empty treemap and a visible
    note saying so.
    """
    role = role or ALL_ROLES
    if role not in prepared.facts:
        prepared.facts[role] = view_facts(prepared.ds, prepared.nodes, role)
    key = (role, bool(dark))
    if key not in prepared.specs:
        prepared.specs[key] = {"data": [view_trace(prepared, role, dark)],
                               "layout": view_layout(prepared, role, dark)}
    spec = prepared.specs[key]
    return {"data": [dict(trace) for trace in spec["data"]], "layout": dict(spec["layout"])}


def figure_from(prepared: Prepared, *, role: str = ALL_ROLES, dark: bool = False) -> go.Figure:
    """The finished figure of :func:`build`: the shared trace style, theme, subtitle, the
    note and source footer (annotations ``NOTE`` and ``FOOTER``) and ``layout.meta``."""
    spec = build(prepared, role=role, dark=dark)
    fig = go.Figure(data=spec["data"])
    fig.update_traces(trace_style(dark))
    facts = prepared.facts[role or ALL_ROLES]
    fig.add_annotation(empty_note(facts["empty"]))  # NOTE; finish_figure adds the FOOTER
    finish_figure(fig, prepared.ds, name=NAME, title=facts["title"],
                  source_ids=facts["source_ids"], dark=dark, height=HEIGHT)
    # No axes here, so the source line sits right under the tiles.
    fig.layout.annotations[FOOTER].yshift = -8
    # A click on a role opens that role's own view, as the Role menu does, instead of
    # plotly.js's zoom (templates/web/treemap_views.js, on the site and in the explorer).
    # On paper: drawn as wide as the tiles were laid out for (else their text runs out of
    # them), and without the subtitle, which only says what to click.
    fig.layout.meta = {**fig.layout.meta, "level_views": True,
                       "paper_width": LAYOUT_PX + MARGIN["l"] + MARGIN["r"],
                       "paper_subtitle": False}
    fig.update_layout(spec["layout"])
    fig.update_layout(
        uniformtext={"minsize": TEXT_PX, "mode": "show"}, margin=MARGIN,
        title_subtitle={"text": esc(t("Click a tile to zoom in; click the band at the top of "
                                      "the tiles to zoom out again.")),
                        "font": {"size": 16}})
    return fig


def figure(ds: Any, *, role: str | None = None, dark: bool = False) -> go.Figure:
    """Treemap: the four ILRS roles (or one), their objectives and the missions serving them.

    Each objective tile lists its missions with their outcome in words; clicking it zooms in
    to one tile per mission.
    """
    return figure_from(prepare(ds), role=role or ALL_ROLES, dark=dark)


def summary_of(prepared: Prepared, *, role: str = ALL_ROLES, dark: bool = False) -> str:
    """Plain sentences: roles, objectives, missions, objectives with no mission, outcomes."""
    role = role or ALL_ROLES
    if role not in prepared.facts:
        prepared.facts[role] = view_facts(prepared.ds, prepared.nodes, role)
    return prepared.facts[role]["summary"]


def summary(ds: Any, *, role: str | None = None, dark: bool = False) -> str:
    """Plain sentences: numbers of roles, objectives and linked missions, and their status."""
    return summary_of(prepare(ds), role=role or ALL_ROLES, dark=dark)


def static_form(prepared: Prepared, *, role: str = ALL_ROLES, dark: bool = False) -> go.Figure:
    """The figure with a role dropdown (Plotly's own) whose buttons come from :func:`build`
    (and the caption of each from :func:`summary_of`).

    The menu has a row of its own between the subtitle and the tiles.
    """
    role = role or ALL_ROLES
    fig = figure_from(prepared, role=role, dark=dark)
    options = role_options(prepared)
    buttons = [{"label": esc(label), "method": "update",
                "args": saying(indexed_paths(menu_args(build(prepared, role=value, dark=dark))),
                               summary_of(prepared, role=value))}
               for label, value in options]
    values = [value for _, value in options]
    top = MARGIN["t"] + MENU_ROW_PX
    height = STATIC_HEIGHT
    fig.update_layout(
        height=height, margin={"t": top},
        updatemenus=[{"type": "dropdown", "buttons": buttons, "name": "role",
                      "active": values.index(role) if role in values else 0,
                      "x": 0, "xanchor": "left", "yanchor": "top",
                      "y": menu_y(height, top, MARGIN["b"], MENU_TOP_PX),
                      "pad": {"t": 0, "b": 0}, "font": {"size": 16},
                      "showactive": True}])
    return opens_saying(fig, summary_of(prepared, role=role))
