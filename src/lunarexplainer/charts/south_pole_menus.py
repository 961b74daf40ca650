"""The static (kernel-free) form of the south pole map: Plotly's own menus, made from the
chart's one builder (:mod:`.south_pole`: ``build``, ``summary_of``, ``site_info``).

The menus are short enough to open on a projector without scrolling: a layers menu, and beside
it one site menu per kind of place the chosen layers draw (landing sites, craters, other
features). Every button carries one whole state: the traces, the star, the title and the
on-map message from ``build``, the site's note and the caption (``layout.meta.summary``, see
:func:`~.common.saying`) from ``summary_of``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from ..text import display_width
from ..text import format_list
from ..text import t
from .common import as_text
from .common import esc
from .common import flatten
from .common import opens_saying
from .common import place_menus
from .common import saying
from .sizes import MENU_ROW_PX
from .south_pole import HEIGHT
from .south_pole import INFO_CHARS
from .south_pole import INFO_FONT
from .south_pole import KEY_X
from .south_pole import LEGEND_ROW_PX
from .south_pole import MARGIN
from .south_pole import PoleMap
from .south_pole import build
from .south_pole import checked_site
from .south_pole import chosen_layers
from .south_pole import figure_from
from .south_pole import layer_label
from .south_pole import site_info
from .south_pole import site_options
from .south_pole import summary_of

#: Kinds of place the static form offers a site menu for, in menu order.
SITE_GROUPS: tuple[str, ...] = ("landing_sites", "craters", "features")
MENU_FONT = 16
#: For placing menus side by side: the plot's width (px) on the site's page, the width of one
#: 16 px character of a menu entry, and the room a menu's box and arrow add, and the gap.
PLOT_WIDTH_PX, MENU_CHAR_PX, MENU_BOX_PX = 1020, 9.0, 64


def no_site_label(group: str) -> str:
    """The first entry of a site menu (no site of that kind starred)."""
    return {"landing_sites": t("Landing site: none"), "craters": t("Crater: none"),
            "features": t("Feature: none")}[group]


@dataclass
class StaticChoices:
    """The static form's menus: ``layers`` entries ``(label, layers)`` and, per layers entry,
    its site menus ``(group, [(label, site id), ...])`` (sites drawn on the map, by kind)."""

    layers: list[tuple[str, tuple[str, ...]]]
    sites: list[list[tuple[str, list[tuple[str, str]]]]]


def static_choices(pole: PoleMap, layers: Sequence[str] | str | None = None) -> StaticChoices:
    """A short layers menu (all, then each drawn layer with the grid; the live choice first if
    it is none of these) and, for each, one short site menu per kind of place it draws.

    Candidate regions have no coordinates, so they are not a layer of their own here (it would
    be an empty map); "All layers" keeps their count in the key.
    """
    drawn = [la for la in pole.layers[1:] if la in pole.drawn_layers]
    entries = [(t("All layers"), tuple(pole.layers))]
    if len(drawn) > 1:
        entries += [(layer_label(la).capitalize(), ("graticule", la)) for la in drawn]
    live = set(chosen_layers(pole, layers))
    if live not in [set(c) for _label, c in entries]:
        chosen = tuple(la for la in pole.layers if la in live)
        entries.insert(0, (format_list(layer_label(la) for la in chosen).capitalize()
                           if chosen else t("No layers"), chosen))
    on_map = pole.on_map
    # Landing sites' names say what they are; a crater's entry says "(crater)", as live.
    labels = dict((sid, label) for label, sid in site_options(pole))
    labels.update((i, as_text(on_map.loc[i, "name"])) for i in on_map.index
                  if on_map.loc[i, "layer"] == "landing_sites")
    menus = []
    for _label, chosen in entries:
        groups = [g for g in SITE_GROUPS if g in chosen and g in pole.drawn_layers]
        menus.append([(g, [(no_site_label(g), "")] + [
            (labels[i], i) for i in pole.sites
            if i in on_map.index and on_map.loc[i, "layer"] == g]) for g in groups])
    return StaticChoices(entries, menus)


def static_options(pole: PoleMap, layers: Sequence[str] | str | None = None, site: str = "",
                   *, dark: bool = False) -> dict[str, Any]:
    """What the static form opens on: the live choices, without a site its menus cannot show."""
    layers = chosen_layers(pole, layers)
    site = checked_site(pole, site)
    choices = static_choices(pole, layers)
    i = next(k for k, (_label, c) in enumerate(choices.layers) if set(c) == set(layers))
    shown = {sid for _group, entries in choices.sites[i] for _label, sid in entries}
    return {"layers": choices.layers[i][1], "site": site if site in shown else "", "dark": dark}


def static_form(pole: PoleMap, layers: Sequence[str] | str | None = None, site: str = "",
                *, dark: bool = False) -> go.Figure:
    """The figure with a layers menu and, beside it, a short site menu per kind of place.

    Every button shows one whole state made by :func:`build` (traces, star, title, on-map
    message), the site's note (:func:`site_info`) and the caption (:func:`summary_of`); it
    shows the site menus of its layers, hides the others and puts them back on "none" unless
    they hold its site. Each site menu belongs to one layers entry, so no choice has to
    combine two buttons' states; a layers button shows its layers with no site starred.
    """
    o = static_options(pole, layers, site, dark=dark)
    choices = static_choices(pole, o["layers"])
    fig = figure_from(pole, o["layers"], o["site"], dark=dark)
    note_index = len(fig.layout.annotations)
    plot_px = HEIGHT - MARGIN["t"] - MARGIN["b"] - MENU_ROW_PX
    key_rows = 2 + sum(tr["name"].count("<br>") + 1 for _la, tr in pole.traces[dark]
                       if tr.get("showlegend", True))  # the key's title, its rows, the star
    key_px = key_rows * LEGEND_ROW_PX + 24
    fig.add_annotation(text=site_info(pole, o["site"], INFO_CHARS), xref="paper", yref="paper",
                       x=KEY_X, y=1 - key_px / plot_px, xanchor="left", yanchor="top",
                       align="left", showarrow=False, font={"size": INFO_FONT},
                       name="site-info")
    menu_of = [(i, k) for i, menus in enumerate(choices.sites) for k in range(len(menus))]

    def args(i: int, sid: str, *, layers_button: bool) -> list[Any]:
        spec = build(pole, choices.layers[i][1], sid, dark=dark)
        star = spec["data"][-1]
        # A restyle cannot leave some traces' x alone while it sets the star's: a layers
        # button sets only which traces show (the star hides when no site is starred); a
        # site button sets only the star (the layers entry, and so the traces, stay).
        if layers_button:
            restyle = {"visible": [d.get("visible", True) for d in spec["data"][:-1]]
                       + [bool(star["x"])]}
            traces = list(range(len(spec["data"])))
        else:
            restyle = {**{k: [v] for k, v in star.items()}, "visible": [bool(star["x"])]}
            traces = [len(spec["data"]) - 1]
        relayout = flatten(spec["layout"])
        relayout[f"annotations[{note_index}].text"] = site_info(pole, sid, INFO_CHARS)
        for n, (j, k) in enumerate(menu_of, start=1):
            entries = choices.sites[j][k][1]
            relayout[f"updatemenus[{n}].visible"] = j == i
            relayout[f"updatemenus[{n}].active"] = next(
                (e for e, (_label, v) in enumerate(entries) if v == sid and j == i), 0)
        return saying([restyle, relayout, traces],
                      summary_of(pole, choices.layers[i][1], sid))

    def button(label: str, i: int, sid: str, *, layers_button: bool = False) -> dict[str, Any]:
        return {"label": esc(label), "method": "update",
                "args": args(i, sid, layers_button=layers_button)}

    opening = next(i for i, (_label, c) in enumerate(choices.layers) if c == o["layers"])
    menus = [{"type": "dropdown", "name": "layers", "active": opening,
              "buttons": [button(label, i, "", layers_button=True)
                          for i, (label, _c) in enumerate(choices.layers)]}]
    def width(labels: list[str]) -> float:  # a menu's width in paper units
        return ((MENU_CHAR_PX * max(display_width(label) for label in labels) + MENU_BOX_PX)
                / PLOT_WIDTH_PX)

    first_x = width([label for label, _c in choices.layers])
    for i, k in menu_of:
        group, entries = choices.sites[i][k]
        ids = [v for _label, v in entries]
        x = first_x + sum(width([label for label, _v in choices.sites[i][j][1]])
                          for j in range(k))
        menus.append({"type": "dropdown", "name": f"site: {group}", "visible": i == opening,
                      "active": ids.index(o["site"]) if i == opening and o["site"] in ids else 0,
                      "x": x, "buttons": [button(label, i, v) for label, v in entries]})
    for menu in menus:
        menu["font"] = {"size": MENU_FONT}
    place_menus(fig, menus)
    return opens_saying(fig, summary_of(pole, o["layers"], o["site"]))
