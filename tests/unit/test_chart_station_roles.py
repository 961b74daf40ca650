"""The station roles treemap: its figure, its explorer and its static form are one chart.

Data: the fixture folders tests/fixtures/charts/ (``ds``) and tests/fixtures/explorers/
(``roles_ds``, which has no row for "basic scientific experiments"), read by the real loader;
expected numbers are computed from the loaded tables.
"""

from __future__ import annotations

import html
import json
import re

import plotly.graph_objects as go
import pytest

from lunarexplainer.charts import station_roles
from lunarexplainer.charts.common import indexed_paths
from lunarexplainer.charts.common import menu_args
from lunarexplainer.charts.common import saying
from lunarexplainer.data import Dataset
from lunarexplainer.data import load_dataset
from lunarexplainer.explorers import RolesExplorer
from lunarexplainer.schemas import ROLES

from chart_data import EXPLORER_DATA
from chart_data import edited_copy

#: What a student sees of a trace: the compared attributes of the treemap.
SHOWN = ("ids", "parents", "labels", "values", "text", "hovertext", "level")


@pytest.fixture(scope="module")
def roles_ds() -> Dataset:
    return load_dataset(EXPLORER_DATA)


def untagged(text: str) -> str:
    return html.unescape(re.sub("<[^>]+>", "", text.replace("<br>", " "))).replace("\u00a0", " ")


def shown(trace: object) -> dict[str, object]:
    """The data a student sees of a treemap trace, as plain lists."""
    out = {}
    for key in SHOWN:
        value = getattr(trace, key) if not isinstance(trace, dict) else trace.get(key)
        out[key] = list(value) if isinstance(value, list | tuple) else value
    colors = trace.marker.colors if not isinstance(trace, dict) else trace["marker"]["colors"]
    out["marker.colors"] = list(colors)
    return out


def status_words(ds: Dataset) -> dict[str, str]:
    return {str(i): station_roles.status_word(s)
            for i, s in zip(ds.missions["id"], ds.missions["status"], strict=True)}


# --------------------------------------------------------------------------- the figure


def test_station_roles(ds) -> None:
    fig = station_roles.figure(ds)
    sr = ds.station_roles
    objectives = sr[["role", "objective"]].drop_duplicates()
    missions = sr[["role", "objective", "mission_id"]].drop_duplicates()
    assert len(fig.data) == 1 and fig.data[0].type == "treemap"
    t = fig.data[0]
    ids, parents = list(t.ids), list(t.parents)
    # Roles at the top (no extra band above them), then objectives, then missions.
    assert len(ids) == sr["role"].nunique() + len(objectives) + len(missions)
    assert len(set(ids)) == len(ids) and parents.count("") == sr["role"].nunique()
    assert all(p == "" or p in ids for p in parents)
    by_id = dict(zip(ids, zip(parents, t.labels, t.text, strict=True), strict=True))
    roles = [i for i, p in zip(ids, parents, strict=True) if p == ""]
    assert sorted(untagged(by_id[r][1]).lower() for r in roles) == \
        sorted(r.lower() for r in sr["role"].unique())
    names = ds.missions.set_index("id")["name"]
    words = status_words(ds)
    for r in sr.itertuples():
        oid = next(i for i, (p, lab, _) in by_id.items()
                   if lab == html.escape(r.objective) and p in roles
                   and untagged(by_id[p][1]).lower() == r.role.lower())
        kids = [by_id[i] for i, (p, *_) in by_id.items() if p == oid]
        n_missions = len(missions[(missions["role"] == r.role)
                                  & (missions["objective"] == r.objective)])
        assert len(kids) == n_missions
        # The objective tile names its missions with their outcome in words.
        tile = untagged(by_id[oid][2])
        if isinstance(r.mission_id, str) and r.mission_id:
            assert f"{names.get(r.mission_id, r.mission_id)} ({words[r.mission_id]})" in tile
        else:
            assert "no mission yet" in tile
    # Tile text is at least 16 px and never shrinks below it; one level under each view.
    assert t.textfont.size >= 16
    assert fig.layout.uniformtext.minsize >= 16 and t.maxdepth == 2
    assert all("Source" in h for h in t.hovertext)
    assert fig.layout.height <= 720
    summary = station_roles.summary(ds)
    assert f"{sr['role'].nunique()} roles" in summary
    assert f"{len(objectives)} objectives" in summary
    named = sr["mission_id"].dropna()
    assert f"{named[named != ''].nunique()} missions" in summary


def test_station_roles_hover_quotes_summary_and_source(tmp_path) -> None:
    def edit(df):
        df["summary"] = [f"Row {i} & <why> it matters." for i in range(len(df))]
        return df

    ds = edited_copy(tmp_path / "data", "station_roles", edit)
    t = station_roles.figure(ds).data[0]
    row = ds.station_roles.iloc[0]
    name = ds.missions.set_index("id")["name"][row["mission_id"]]
    # The mission's own tile (under its objective) says what it does, with its source.
    leaf = next(i for i, i_ in enumerate(t.ids)
                if i_.endswith(f"/objective:{row['objective']}/mission:{row['mission_id']}"))
    assert t.labels[leaf] == html.escape(name)
    for text in (t.hovertext[leaf], t.text[leaf]):
        assert html.escape(row["summary"]) in text.replace("<br>", " ")
    assert html.escape(ds.cite(row["source_ids"])) in t.hovertext[leaf].replace("<br>", " ")
    assert "<why>" not in json.dumps(t.to_plotly_json())


def test_station_roles_one_role(ds) -> None:
    sr = ds.station_roles
    role = sr["role"].iloc[-1]
    fig = station_roles.figure(ds, role=role)
    t = fig.data[0]
    rows = sr[sr["role"] == role]
    # Only that role is drawn, and it is the root.
    assert list(t.parents).count("") == 1 and t.ids[0] == f"role:{role}"
    assert len(t.ids) == 1 + len(rows[["objective"]].drop_duplicates()) + len(
        rows[["objective", "mission_id"]].drop_duplicates())
    assert all(i.startswith(f"role:{role}") for i in t.ids)
    assert f"{rows['objective'].nunique()} objective" in station_roles.summary(ds, role=role)
    assert role in fig.layout.title.text


def test_outcomes_are_written_in_words_in_tiles_hovers_and_summary(ds) -> None:
    """Luna 25 crashed: its tiles and hovers say so in words, not only by colour."""
    t = station_roles.figure(ds).data[0]
    words = status_words(ds)
    sr = ds.station_roles
    for mid in sr["mission_id"].dropna().unique():
        leaves = [i for i, x in enumerate(t.ids) if x.endswith(f"/mission:{mid}")]
        assert leaves
        for i in leaves:
            assert f"Outcome: {words[mid]}" in t.hovertext[i]
            assert f"({words[mid]})" in untagged(t.text[i])
            parent = list(t.ids).index(t.parents[i])
            assert f"{untagged(t.labels[i])}: {words[mid]}" in untagged(t.hovertext[parent])
    assert words["luna-25"] == "failed"
    statuses = ds.missions.set_index("id").loc[sr["mission_id"].dropna().unique(), "status"]
    summary = station_roles.summary(ds)
    assert f"{int((statuses == 'failure').sum())} failed" in summary
    assert f"{int((statuses == 'planned').sum())} still planned" in summary


def test_tiles_are_sized_for_their_text(tmp_path) -> None:
    """A longer objective gets a taller tile than its short siblings; in the shipped data every
    column's text fits its height (the estimate the tile sizes come from)."""
    longer = "Survey the pole " + "and more " * 12

    def edit(df):
        df.loc[df["objective"] == "Survey the pole", "objective"] = longer
        return df

    ds = edited_copy(tmp_path / "data", "station_roles", edit)
    t = station_roles.figure(ds).data[0]
    value = {i: v for i, v in zip(t.ids, t.values, strict=True)}
    leaves = {p: 0.0 for p in t.parents}
    for i, p in zip(t.ids, t.parents, strict=True):
        leaves[p] += value[i]
    long = next(p for p in leaves if p.endswith(f"/objective:{longer}"))
    short = next(p for p in leaves if p.endswith("/objective:Use local resources"))
    assert leaves[long] > 2 * leaves[short]

    real = station_roles.prepare(load_dataset())
    objectives = real.nodes[real.nodes["level"] == "objective"]
    leaves_of = real.nodes[real.nodes["level"] == "mission"].groupby("parent")
    columns = {r: [(lab, station_roles.objective_missions(leaves_of.get_group(o)))
                   for lab, o in zip(g["label"], g["id"], strict=True)]
               for r, g in objectives.groupby("role", sort=False)}
    widths = station_roles.column_widths(columns)
    assert sum(widths.values()) == pytest.approx(station_roles.LAYOUT_PX)
    for role, texts in columns.items():
        lines = sum(station_roles.objective_lines(lab, mis, widths[role]) for lab, mis in texts)
        need = lines * station_roles.LINE_PX + len(texts) * station_roles.TILE_PAD_PX
        assert need <= station_roles.COLUMN_PX, role
        assert widths[role] >= len(role) * station_roles.BOLD_CHAR_PX  # the header fits


def test_dark_figure_keeps_the_same_tiles(ds) -> None:
    light, dark = station_roles.figure(ds), station_roles.figure(ds, dark=True)
    assert list(light.data[0].ids) == list(dark.data[0].ids)
    assert list(light.data[0].text) == list(dark.data[0].text)
    assert light.data[0].marker.colors != dark.data[0].marker.colors


# --------------------------------------------------------------------------- the explorer


def test_roles_explorer_follows_the_picked_role(roles_ds):
    e = RolesExplorer(roles_ds)
    c = e.controls["role"]
    assert list(e.controls) == ["role"]
    c.value = "lunar exploration and utilization"
    tree = e.figure.data[0]
    assert tree.type == "treemap"
    by_id = dict(zip(tree.ids, zip(tree.labels, tree.text, strict=True), strict=True))
    objectives = [lab for i, (lab, _) in by_id.items()
                  if "/objective:" in i and "/mission:" not in i]
    assert objectives == ["samples", "resources"]
    samples = "role:lunar exploration and utilization/objective:samples"
    missions = [by_id[i][0] for i in tree.ids if i.startswith(samples + "/mission:")]
    assert missions == ["Chang&#x27;e 7", "Chang&#x27;e 4"]
    assert "Chang'e 7 (planned) · Chang'e 4 (succeeded)" in untagged(by_id[samples][1])
    resources = "role:lunar exploration and utilization/objective:resources"
    assert "no mission yet" in by_id[resources][1]
    assert "2 objectives served by 2 missions" in e.summary()
    assert "1 objective has no mission yet" in e.summary()
    assert "lunar exploration and utilization" in e.figure.layout.title.text
    c.value = "all"
    sr = roles_ds.station_roles
    assert len(e.figure.data[0].ids) == sr["role"].nunique() + len(
        sr[["role", "objective"]].drop_duplicates()) + len(sr)
    (menu,) = e.to_figure().layout.updatemenus
    assert [b.label for b in menu.buttons] == ["all four roles", *ROLES]
    assert set(sr["role"]) <= {b.label for b in menu.buttons}


def test_explorer_defaults_draw_the_chart_figure(roles_ds):
    e = RolesExplorer(roles_ds)
    fig = station_roles.figure(roles_ds, **e.values())
    assert shown(e.figure.data[0]) == shown(fig.data[0])
    assert e.figure.layout.title.text == fig.layout.title.text
    assert e.summary() == station_roles.summary(roles_ds, **e.values())
    assert e.figure.layout.height == fig.layout.height <= 720


def test_figure_explorer_and_static_form_agree_for_every_choice(roles_ds):
    """For each choice of the static menu: the explorer set to it, build() and the button's
    args show the same tiles, hovers, title, note and summary."""
    e = RolesExplorer(roles_ds)
    prepared = station_roles.prepare(roles_ds)
    static = e.to_figure()
    opening, opening_role = e.figure.layout.title.text, e.controls["role"].value
    (menu,) = static.layout.updatemenus
    values = [v for _, v in station_roles.role_options(prepared)]
    assert len(menu.buttons) == len(values)
    for button, value in zip(menu.buttons, values, strict=True):
        spec = station_roles.build(prepared, role=value)
        assert button.method == "update"
        assert list(button.args) == saying(indexed_paths(menu_args(spec)),
                                           station_roles.summary_of(prepared, role=value))
        e.controls["role"].value = value
        live, built = e.figure, spec["data"][0]
        assert shown(live.data[0]) == shown(built)
        restyle, relayout = button.args[0], button.args[1]
        for key in SHOWN:
            assert restyle[key] == [built[key]], key
        assert restyle["marker.colors"] == [built["marker"]["colors"]]
        title = spec["layout"]["title"]["text"]
        assert live.layout.title.text == relayout["title.text"] == title
        note, footer = live.layout.annotations
        assert note.text == relayout["annotations[0].text"]
        assert note.visible is relayout["annotations[0].visible"]
        assert footer.text == relayout["annotations[1].text"]
        assert e.summary() == station_roles.summary_of(prepared, role=value)
        fig = station_roles.figure(roles_ds, role=value)
        assert shown(fig.data[0]) == shown(built) and fig.layout.title.text == title
    assert len({b.args[1]["title.text"] for b in menu.buttons}) == len(values)
    # The static form opens on the live choice, and its menu sits in its own row.
    assert static.layout.title.text == opening
    assert values[menu.active] == opening_role
    assert static.layout.height <= 720 and menu.y > 1


def test_a_role_with_nothing_to_show_says_so(roles_ds):
    empty = "basic scientific experiments"
    assert empty in ROLES and empty not in set(roles_ds.station_roles["role"])
    e = RolesExplorer(roles_ds)
    note = e.figure.layout.annotations[0]
    assert note.name == "nothing-selected" and note.visible is False
    e.controls["role"].value = empty
    note = e.figure.layout.annotations[0]
    assert note.visible is True and "no objectives" in note.text and empty in note.text
    assert len(e.figure.data[0].ids) == 0
    assert "no objectives" in e.summary() and empty in e.summary()
    assert "nothing in the data yet" in e.figure.layout.title.text
    e.controls["role"].value = "all"
    assert e.figure.layout.annotations[0].visible is False
    (menu,) = e.to_figure().layout.updatemenus
    args = {b.label: b.args[1] for b in menu.buttons}
    assert args[empty]["annotations[0].visible"] is True
    assert "no objectives" in args[empty]["annotations[0].text"]
    assert args["all four roles"]["annotations[0].visible"] is False
    # An impossible choice gives the message too, never a blank chart.
    spec = station_roles.build(station_roles.prepare(roles_ds), role="no such role")
    assert spec["data"][0]["ids"] == [] and spec["layout"]["annotations"][0]["visible"] is True


def test_a_change_of_role_resets_a_zoom(roles_ds):
    """Each view names its own root as ``level``, so the update always sends it and plotly.js
    leaves any tile a student zoomed into."""
    prepared = station_roles.prepare(roles_ds)
    levels = [station_roles.build(prepared, role=v)["data"][0]["level"]
              for _, v in station_roles.role_options(prepared)]
    assert len(set(levels)) == len(levels)
    spec = station_roles.build(prepared, role=ROLES[0])
    assert spec["data"][0]["level"] == spec["data"][0]["ids"][0]


def test_static_form_is_plain_json_with_no_live_markup(roles_ds):
    bad = load_dataset(EXPLORER_DATA)
    bad.station_roles.loc[0, "objective"] = "<img src=x onerror=alert(1)>"
    fig = station_roles.static_form(station_roles.prepare(bad))
    assert isinstance(fig, go.Figure)
    text = fig.to_json()
    assert "<img" not in text and "&lt;img" in text


def test_one_preparation_per_dataset(roles_ds, monkeypatch) -> None:
    """A lesson's show() (figure, then summary) and its explorer prepare the tree once; a
    changed copy of the data is prepared anew and shows its own rows."""
    made = []
    real = station_roles.prepare_anew
    monkeypatch.setattr(station_roles, "prepare_anew", lambda ds: made.append(ds) or real(ds))
    monkeypatch.setattr(station_roles, "_LAST", [])
    station_roles.figure(roles_ds)
    station_roles.summary(roles_ds)
    explorer = RolesExplorer(roles_ds)
    assert made == [roles_ds] and explorer.prepared is station_roles.prepare(roles_ds)
    fewer = roles_ds.copy()
    fewer.station_roles = fewer.station_roles.iloc[1:]
    assert len(station_roles.figure(fewer).data[0].ids) < \
        len(station_roles.figure(roles_ds).data[0].ids)
    assert len(made) == 3  # the copy, then the first dataset again (only the last is kept)


def test_role_names_come_from_the_catalog(ds, fake_catalog):
    fake_catalog({"technical verification": "проверка технологий"})
    prepared = station_roles.prepare_anew(ds)
    labels = dict((value, label) for label, value in station_roles.role_options(prepared))
    assert labels["technical verification"] == "проверка технологий"
    assert labels["lunar-based observation"] == "lunar-based observation"  # not translated yet
    tiles = prepared.nodes[prepared.nodes["level"] == "role"]
    assert "проверка технологий" in set(tiles["label"])
    assert set(tiles["role"]) <= set(ROLES)  # the codes stay codes
