"""The static (kernel-free) form of the schedule slip chart: Plotly's own menus, made from the
chart's one builder (:mod:`.schedule_slip`: ``build``, ``figure_from``, ``summary_of``).

A short menu of groups of plans and, beside it, the chosen group's own short menu (the whole
group, then each plan alone), so no menu is longer than :data:`MENU_ENTRIES` and each opens on
a projector without scrolling.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from ..text import display_width
from ..text import format_list
from ..text import nt
from ..text import t
from .common import esc
from .common import flatten
from .common import menu_args
from .common import opens_saying
from .common import saying
from .schedule_slip import Prepared
from .schedule_slip import build
from .schedule_slip import chosen_subjects
from .schedule_slip import figure_from
from .schedule_slip import key_layout
from .schedule_slip import summary_of
from .sizes import FOOTER_MARGIN
from .sizes import menu_y

#: At most this many entries in one static menu, so a menu opens on a 1280×720 projector
#: without scrolling (a group's menu: "all of them", then each plan).
MENU_ENTRIES = 10


def static_choices(prepared: Prepared, subjects: Sequence[str] | str | None = None
                   ) -> tuple[list[tuple[str, list[str]]], int]:
    """The first dropdown's ``(label, subjects)`` entries (groups of plans) and the one it
    opens on.

    Most revised; each side's missions, then its goals and phases (China–Russia), or all its
    plans (US); any other plans; all plans of both sides. The live choice comes first when it
    is none of these; an empty live choice opens on the most revised. A live choice of one
    plan opens on its side's group (:func:`static_form` then picks the plan in that group's
    own menu).
    """
    missions = set(prepared.ds.missions["id"].astype(str))
    by_side: dict[tuple[str, bool], list[str]] = {}
    for s in prepared.order:
        by_side.setdefault((prepared.subjects[s].side, s in missions), []).append(s)
    choices = [(t("Most revised"), list(prepared.default))]
    us = by_side.get(("us", True), []) + by_side.get(("us", False), [])
    others = by_side.get(("other", True), []) + by_side.get(("other", False), [])
    for label, group in ((t("China–Russia missions"), by_side.get(("china-russia", True), [])),
                         (t("China–Russia goals and phases"),
                          by_side.get(("china-russia", False), [])),
                         (t("US missions and goals"), us),
                         (t("Other missions and goals"), others)):
        if group and set(group) != set(prepared.order):
            choices.append((label, group))
    choices.append((t("Both sides: all plans"), list(prepared.order)))
    live = chosen_subjects(prepared, subjects)
    current = next((i for i, (_, c) in enumerate(choices) if set(c) == set(live)), None)
    if current is None and len(live) == 1:
        current = next((i for i, (_, c) in enumerate(choices[1:], start=1) if live[0] in c),
                       None)
    if current is None and live:
        label = (format_list(prepared.subjects[s].name for s in live) if len(live) <= 2
                 else nt("{n} chosen", "{n} chosen", len(live)))
        choices.insert(0, (label, live))
        current = 0
    return choices, current or 0


def member_choices(prepared: Prepared, choices: Sequence[tuple[str, list[str]]]
                   ) -> list[list[tuple[str, list[str]]]]:
    """For each group of :func:`static_choices`, the entries of its own short menu: the whole
    group, then each of its plans alone (no menu for a group of one plan, or one too long to
    fit :data:`MENU_ENTRIES`)."""
    out = []
    for _label, group in choices:
        if 2 <= len(group) < MENU_ENTRIES:
            out.append([(nt("All {n} plan", "All {n} plans", len(group)), list(group))]
                       + [(prepared.subjects[s].name, [s]) for s in group])
        else:
            out.append([])
    return out


def static_opening(prepared: Prepared, subjects: Sequence[str] | str | None = None
                   ) -> tuple[int, int, list[str]]:
    """What the static form opens on: the group's index, the index of the entry in that
    group's menu (0, "all", when the live choice is the whole group) and the subjects shown."""
    choices, current = static_choices(prepared, subjects)
    entries = member_choices(prepared, [choices[current]])[0]
    live = set(chosen_subjects(prepared, subjects))
    member = next((j for j, (_l, c) in enumerate(entries) if set(c) == live), 0)
    return current, member, entries[member][1] if entries else choices[current][1]


def static_summary(prepared: Prepared, subjects: Sequence[str] | str | None = None,
                   *, dark: bool = False) -> str:
    """Summary of the static form as it opens."""
    return summary_of(prepared, static_opening(prepared, subjects)[2])


def indexed_annotations(relayout: dict[str, Any]) -> dict[str, Any]:
    """A relayout whose ``annotations`` list becomes ``annotations[i].key`` entries, so a
    menu button changes only what :func:`build` names and keeps the other annotations."""
    out = {k: v for k, v in relayout.items() if k != "annotations"}
    for i, note in enumerate(relayout.get("annotations", ())):
        out.update({f"annotations[{i}].{k}": v for k, v in flatten(note).items()})
    return out


def static_form(prepared: Prepared, subjects: Sequence[str] | str | None = None,
                *, dark: bool = False) -> go.Figure:
    """The figure with a short menu of groups of plans and, beside it, the chosen group's own
    short menu (the whole group, then each plan alone; see :func:`static_choices` and
    :func:`member_choices`). Each entry updates the traces, the axes, the title, the labels,
    the messages (:func:`build`) and the caption (:func:`summary_of`, see
    :func:`~.common.saying`) for that choice (the key's room is the same for all); a group's
    entry also shows its own menu, on "all", and hides the others.
    """
    choices, _current = static_choices(prepared, subjects)
    members = member_choices(prepared, choices)
    current, member, opening = static_opening(prepared, subjects)
    fig = figure_from(prepared, opening, dark=dark)
    menu_of = [i for i, entries in enumerate(members) if entries]  # group of updatemenus[n]

    def button(label: str, chosen: list[str], group: int | None) -> dict[str, Any]:
        restyle, relayout = menu_args(build(prepared, chosen, dark=dark))
        relayout = indexed_annotations(relayout)
        if group is not None:  # a group's entry: show its menu (on "all"), hide the others
            for n, i in enumerate(menu_of, start=1):
                relayout[f"updatemenus[{n}].visible"] = i == group
                relayout[f"updatemenus[{n}].active"] = 0
        args = saying([restyle, relayout], summary_of(prepared, chosen))
        return {"label": esc(label), "method": "update", "args": args}

    room = key_layout(prepared.room_rows, menus=True)
    fig.update_layout(room)
    opens_saying(fig, summary_of(prepared, opening))
    y = menu_y(room["height"], room["margin"]["t"], FOOTER_MARGIN)
    menus = [{"type": "dropdown", "name": "subjects", "active": current, "x": 0,
              "buttons": [button(label, chosen, i) for i, (label, chosen) in enumerate(choices)]}]
    x = menu_width([label for label, _c in choices])
    for i in menu_of:
        menus.append({"type": "dropdown", "name": f"subjects: group {i}", "x": x,
                      "visible": i == current, "active": member if i == current else 0,
                      "buttons": [button(label, chosen, None) for label, chosen in members[i]]})
    for menu in menus:
        menu.update(xanchor="left", yanchor="top", pad={"t": 0, "b": 0}, y=y,
                    font={"size": 16})
    fig.update_layout(updatemenus=menus)
    return fig


#: For placing the group's menu beside the first: the plot's width on the site's page (the
#: narrowest it is drawn), the width of one 16 px character of a menu entry, and the room a
#: menu's box, its arrow and the gap add (px).
MENU_PLOT_PX, MENU_CHAR_PX, MENU_BOX_PX = 910, 9.0, 84


def menu_width(labels: Sequence[str]) -> float:
    """A dropdown's width in paper units of the plot (:data:`MENU_PLOT_PX` wide)."""
    return ((MENU_CHAR_PX * max((display_width(label) for label in labels), default=0)
             + MENU_BOX_PX) / MENU_PLOT_PX)
