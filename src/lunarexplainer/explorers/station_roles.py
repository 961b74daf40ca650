"""Live explorer of the ILRS roles: one role at a time."""

from __future__ import annotations

import html
import textwrap
from typing import Any

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..charts.common import (
    as_text,
    cite,
    empty_note,
    esc,
    finish_figure,
    plain,
)
from .base import (
    DESCRIPTION_STYLE,
    MENU_ROW_PX,
    TITLE_BAND_PX,
    Explorer,
    count_text,
)

ALL_ROLES = "all"


class RolesExplorer(Explorer):
    """Pick one of the four ILRS roles to list its objectives and the missions serving them."""

    name = "station_roles"
    empty_text = "Nothing to show for this role yet"
    HEADER = ("Role", "Objective", "Mission", "What it does", "Source")
    COLUMNS = (1.3, 1.9, 1.2, 3.2, 2.4)
    #: The table is laid out for this width (px; a little under a 1280 px screen, so the
    #: row estimate errs on the tall side), one character of 14 px text, one extra line,
    #: a one-line row and the header row.
    TABLE_PX = 1080
    CHAR_PX = 7.8
    LINE_PX = 18
    ROW_PX = 30
    HEADER_PX = 34
    MARGIN_T = 80
    MARGIN_B = 56

    def _prepare(self) -> None:
        sr = self.ds.station_roles.copy()
        names = {str(i): as_text(n) or str(i) for i, n in
                 zip(self.ds.missions["id"], self.ds.missions["name"], strict=True)}
        sr["role"] = sr["role"].fillna("").astype(str)
        sr["c_role"] = [esc(r) for r in sr["role"]]
        sr["c_objective"] = [esc(o) for o in sr["objective"]]
        sr["c_mission"] = [esc(names.get(as_text(m), as_text(m))) if as_text(m)
                           else "<i>no mission yet</i>" for m in sr["mission_id"]]
        sr["c_summary"] = [esc(s) for s in sr["summary"]]
        # The column is headed "Source", so the cell drops the "Source(s): " lead-in.
        sr["c_source"] = [esc(cite(self.ds, s).split(": ", 1)[-1]) for s in sr["source_ids"]]
        sr["has_mission"] = [bool(as_text(m)) for m in sr["mission_id"]]
        self.sr = sr.reset_index(drop=True)
        self.roles = list(dict.fromkeys(self.sr["role"]))
        self.columns = ["c_role", "c_objective", "c_mission", "c_summary", "c_source"]
        self.cells = {role: self._cells(self.sr[self.sr["role"] == role])
                      for role in self.roles}
        self.cells[ALL_ROLES] = self._cells(self.sr)
        # Height of each row (px) once Plotly wraps its longest cell to the column width.
        widths = [self.TABLE_PX * c / sum(self.COLUMNS) for c in self.COLUMNS]
        lines = []
        for col, px in zip(self.columns, widths, strict=True):
            chars = max(6, int((px - 16) / self.CHAR_PX))
            lines.append([max(1, len(textwrap.wrap(html.unescape(t), chars,
                                                   break_long_words=True)))
                          for t in self.sr[col]])
        self.sr["row_px"] = [self.ROW_PX + self.LINE_PX * (max(ls) - 1) + 2
                             for ls in zip(*lines, strict=True)]

    def _height(self, role: str) -> int:
        """Figure height that shows every row of ``role`` with no scrolling in the table."""
        rows = int(self._rows(role)["row_px"].sum())
        return max(360, self.MARGIN_T + self.HEADER_PX + rows + self.MARGIN_B + 8)

    def _cells(self, rows: pd.DataFrame) -> list[list[str]]:
        return [rows[c].tolist() for c in self.columns]

    def _make_controls(self) -> dict[str, w.Widget]:
        options = [("all four roles", ALL_ROLES)] + [(r, r) for r in self.roles]
        value = self.options.get("role", self.roles[0] if self.roles else ALL_ROLES)
        return {"role": w.Dropdown(options=options, value=value, description="Role",
                                   style=DESCRIPTION_STYLE, layout=w.Layout(width="30em"))}

    def _base_figure(self) -> go.Figure:
        fig = go.Figure(go.Table(
            columnwidth=list(self.COLUMNS),
            header={"values": [f"<b>{h}</b>" for h in self.HEADER], "align": "left",
                    "font": {"size": 16}, "fill": {"color": "#E8E8E8"},
                    "height": self.HEADER_PX},
            cells={"values": [[] for _ in self.HEADER], "align": "left", "font": {"size": 14},
                   "height": self.ROW_PX}))
        fig.add_annotation(**empty_note(self.empty_text))
        finish_figure(fig, self.ds, name=self.name, title="ILRS roles",
                source_ids=self.sr["source_ids"], dark=False,
                height=self._height(self.controls["role"].value))
        # A table has no axes: the source line sits just under it, and the figure is as tall
        # as the rows (see _height), so nothing scrolls inside the table.
        fig.update_annotations(selector={"name": "source"}, yshift=-8)
        fig.update_layout(margin={"l": 10, "r": 10, "t": self.MARGIN_T, "b": self.MARGIN_B})
        return fig

    def _rows(self, role: str) -> pd.DataFrame:
        return self.sr if role == ALL_ROLES else self.sr[self.sr["role"] == role]

    def _title(self, role: str) -> str:
        """Escaped title: the role and how many objectives and missions it lists."""
        rows = self._rows(role)
        n_obj = rows["objective"].nunique()
        n_mis = rows.loc[rows["has_mission"], "mission_id"].nunique()
        label = "all four roles" if role == ALL_ROLES else role
        return html.escape(f"ILRS role: {label} — {count_text(n_obj, 'objective')}, "
                           f"{count_text(n_mis, 'mission')}")

    def _update(self, values: dict[str, Any]) -> None:
        role = values["role"]
        rows = self._rows(role)
        self.figure.data[0].cells.values = self.cells[role]
        height = self._height(role)
        if self.figure.layout.height != height:
            self.figure.layout.height = height
        self.figure.layout.title.text = self._title(role)
        self._set_empty(None if len(rows) else self.empty_text)

    def summary(self) -> str:
        role = self.controls["role"].value
        rows = self._rows(role)
        if rows.empty:
            return "There are no objectives for this role in the data yet."
        objectives = rows["objective"].drop_duplicates()
        missions = rows.loc[rows["has_mission"], "mission_id"].unique()
        waiting = rows.groupby("objective")["has_mission"].any()
        empty = int((~waiting).sum())
        label = "the four ILRS roles together" if role == ALL_ROLES else f"the role “{role}”"
        text = (f"For {plain(label)}, the plan lists {len(objectives)} "
                f"objective{'s' if len(objectives) != 1 else ''} served by {len(missions)} "
                f"mission{'s' if len(missions) != 1 else ''}.")
        if empty:
            text += f" {empty} objective{'s have' if empty != 1 else ' has'} no mission yet."
        return text

    def to_figure(self) -> go.Figure:
        """A dropdown of roles that swaps the table's cells."""
        fig = self._finish_static(self.figure)
        top = self.MARGIN_T + MENU_ROW_PX

        def layout(role: str) -> dict[str, Any]:
            height = self._height(role) + MENU_ROW_PX
            plot_h = height - top - self.MARGIN_B
            return {"height": height, "updatemenus[0].y": 1 + (top - TITLE_BAND_PX) / plot_h,
                    "title.text": self._title(role)}

        buttons = []
        for label, role in self.controls["role"].options:
            buttons.append({"label": html.escape(label), "method": "update",
                            "args": [{"cells.values": [self.cells[role]]}, layout(role), [0]]})
        current = [v for _, v in self.controls["role"].options].index(
            self.controls["role"].value)
        fig.update_layout(title_text=self._title(self.controls["role"].value),
                          height=self._height(self.controls["role"].value) + MENU_ROW_PX)
        self._menus_band(fig, [{"type": "dropdown", "buttons": buttons, "active": current,
                                "name": "role"}], top=top)
        return fig
