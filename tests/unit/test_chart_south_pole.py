"""The south pole map: its figure, its explorer and its static form are one builder.

Data: the chart fixture folder (``ds``, tests/fixtures/charts/), the explorer fixture folder
(``eds``, tests/fixtures/explorers/) and the shipped data (``real_ds``), all through the real
loader; expected numbers are computed from the loaded tables.
"""

from __future__ import annotations

import html
import math

import numpy as np
import plotly.graph_objects as go
import pytest

from lunarexplainer.charts import common
from lunarexplainer.charts import south_pole
from lunarexplainer.charts import south_pole_menus
from lunarexplainer.data import load_dataset
from lunarexplainer.display import figure_config
from lunarexplainer.explorers import SouthPoleExplorer
from lunarexplainer.theme import PROGRAM_COLORS

from chart_data import EXPLORER_DATA

#: What a student sees of a trace (the "data" compared between the three views).
SEEN = ("x", "y", "text", "hovertext", "visible", "name", "mode")




def _note(fig: go.Figure) -> go.layout.Annotation:
    return next(a for a in fig.layout.annotations if a.name == "nothing-selected")


def _read(markup: str) -> str:
    """Annotation text as a student reads it (lines joined, entities decoded)."""
    return html.unescape(markup.replace("<br>", " "))


def _seen(trace: go.Scatter) -> dict[str, object]:
    out = {}
    for key in SEEN:
        value = trace[key]
        out[key] = list(value) if isinstance(value, tuple | list) else value
    out["visible"] = out["visible"] is not False
    return out


def _site_traces(fig: go.Figure) -> list[go.Scatter]:
    return [t for t in fig.data if "program" in (t.meta or {})]


# --------------------------------------------------------------------------- the figure


def test_south_pole_has_no_geo_traces(ds) -> None:
    pole = south_pole.figure(ds)
    assert not any(t.type in {"choropleth", "scattergeo"} for t in pole.data)
    assert "topojsonURL" not in figure_config(pole)


def test_south_pole_projection_and_frame(ds) -> None:
    x, y = south_pole.project_south_pole([-90, -80], [0, 90])
    assert abs(x[0]) < 1e-9 and abs(y[0]) < 1e-9
    expected_r = 2 * common.MOON_RADIUS_KM * math.tan(math.radians(10) / 2)
    assert x[1] == pytest.approx(expected_r) and abs(y[1]) < 1e-6
    fig = south_pole.figure(ds)
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio == 1
    sites = ds.sites
    targets = sites[sites["kind"].isin(["landing_site", "candidate_region"])]
    inside = targets[targets["lat"] <= -80]
    site_traces = _site_traces(fig)
    shown = [sid for t in site_traces for sid in t.meta["site_ids"]]
    assert sorted(shown) == sorted(inside["id"])
    for t in site_traces:
        assert t.marker.color == PROGRAM_COLORS[t.meta["program"]]
        assert html.unescape(t.meta["program"]) in html.unescape(t.name)  # the key names it
    summary = south_pole.summary(ds)
    assert f"{len(inside)} landing sites and targets are shown" in summary
    assert f"{len(targets) - len(inside)} more are further north" in summary
    hover = " ".join(h for t in site_traces for h in t.hovertext)
    assert "89.5° S, 12.3° W" in hover and "Source" in hover


def test_south_pole_crater_rim_true_size(ds) -> None:
    fig = south_pole.figure(ds, layers=["craters"])
    rims = [t for t in fig.data if (t.meta or {}).get("layer") == "craters"][0]
    # First rim: Shackleton, 21 km across, almost at the pole: width in km ≈ diameter.
    xs = [v for v in rims.x[: rims.x.index(None)]]
    ys = [v for v in rims.y[: rims.y.index(None)]]
    shackleton = ds.sites[ds.sites["id"] == "shackleton"].iloc[0]
    cx, cy = south_pole.project_south_pole(shackleton["lat"], shackleton["lon"])
    radii = [math.hypot(a - float(cx), b - float(cy)) for a, b in zip(xs, ys, strict=True)]
    assert sum(radii) / len(radii) == pytest.approx(shackleton["diameter_km"] / 2, rel=0.02)
    assert _site_traces(fig) and all(t.visible is False for t in _site_traces(fig))


def test_south_pole_selected_site_is_starred_and_named(ds) -> None:
    fig = south_pole.figure(ds, site="site-artemis-3")
    star = fig.data[-1]
    assert star.marker.symbol == "star-open" and star.meta["layer"] == "selected"
    x, y = south_pole.project_south_pole(-89.5, -12.3)
    assert star.x[0] == pytest.approx(float(x)) and star.y[0] == pytest.approx(float(y))
    assert fig.layout.title.text.endswith("Artemis III region")
    assert "89.5° S, 12.3° W" in south_pole.summary(ds, site="site-artemis-3")
    assert south_pole.figure(ds).data[-1].x == ()


def test_south_pole_scale_bar_is_100_km(ds) -> None:
    fig = south_pole.figure(ds)
    (bar,) = [s for s in fig.layout.shapes if s.name == "scale bar"]
    assert bar.x1 - bar.x0 == pytest.approx(100)
    assert any(a.name == "scale label" and "100 km" in a.text for a in fig.layout.annotations)


def test_south_pole_refuses_unknown_layers_and_sites(ds) -> None:
    with pytest.raises(ValueError, match="unknown layer 'sites'; choose from: graticule"):
        south_pole.figure(ds, layers=["sites"])
    with pytest.raises(ValueError, match="unknown site 'atlantis'"):
        south_pole.summary(ds, site="atlantis")


def test_real_data_south_pole_summary_has_the_right_counts(real_ds) -> None:
    ds = real_ds
    s = ds.sites
    targets = s[s["kind"].isin(["landing_site", "candidate_region"]) | s["program"].notna()]
    no_xy = targets[targets["lat"].isna() | targets["lon"].isna()]
    inside = targets[targets["lat"] <= -80]
    text = south_pole.summary(ds)
    assert f"{len(inside)} landing sites and targets are shown" in text
    if len(no_xy):
        assert f"{len(no_xy)} candidate sites" in text and "no coordinates" in text
    fig = south_pole.figure(ds)
    shown = [i for t in _site_traces(fig) for i in t.meta["site_ids"]]
    assert sorted(shown) == sorted(inside["id"])
    # The key says how many regions cannot be drawn.
    regions = s[(s["kind"] == "candidate_region") & s["lat"].isna()]
    (key,) = [t for t in fig.data if (t.meta or {}).get("kind") == "not drawn"]
    assert key.name.startswith(f"{len(regions)} candidate regions") and "not drawn" in key.name
    assert sorted(key.meta["site_ids"]) == sorted(regions["id"])


# --------------------------------------------------------------------------- the explorer


def test_south_pole_layers_and_site_info(eds):
    e = SouthPoleExplorer(eds)
    assert not any(t.type in ("scattergeo", "choropleth") for t in e.figure.data)
    assert e.figure.layout.yaxis.scaleanchor == "x"
    c = e.controls
    c["site"].value = "de-gerlache"
    info = e.info.value
    assert "de Gerlache" in info and "88.5° S" in info and "32 km" in info
    assert "CNSA news" in info and "https://www.cnsa.gov.cn/y" in info
    assert "Rim" not in info and "Crater." in info
    star = e.figure.data[-1]
    x, y = south_pole.project_south_pole(-88.5, -87.1)
    assert star.x[0] == pytest.approx(float(x)) and star.y[0] == pytest.approx(float(y))
    assert "de Gerlache" in e.summary()
    assert e.figure.layout.title.text.endswith("de Gerlache")
    c["site"].value = "region-a"
    assert "no published centre coordinates" in e.info.value
    assert e.figure.data[-1].x == ()
    assert e.figure.layout.title.text.endswith("Region A")
    c["layers"].value = ("landing_sites",)
    visible = {t.meta["layer"] for t in e.figure.data if t.visible is not False}
    assert visible == {"landing_sites", "selected"}
    c["layers"].value = ()
    assert _note(e.figure).visible is True and "layer" in _read(_note(e.figure).text)
    assert "Apollo 11 site" not in [o[0].split(" (")[0] for o in c["site"].options]


def test_site_choices_are_ordered_landing_sites_first(real_ds):
    e = SouthPoleExplorer(real_ds)
    pole = e.prepared
    ids = [v for _, v in e.controls["site"].options]
    assert ids[0] == ""
    layers = [pole.places.loc[i, "layer"] for i in ids[1:]]
    order = ["landing_sites", "craters", "features", "candidate_regions"]
    assert layers == sorted(layers, key=order.index)
    assert layers[0] == "landing_sites"
    # The static menus are short (a projector shows them whole): a layers menu, and one site
    # menu per kind of place drawn, landing sites first, with no regions without coordinates.
    fig = south_pole.static_form(pole)
    layers_menu, *site_menus = fig.layout.updatemenus
    assert len(layers_menu.buttons) <= 10
    assert all(len(m.buttons) <= 10 for m in site_menus)
    shown = [m for m in site_menus if m.visible]
    assert [m.name for m in shown] == ["site: landing_sites", "site: craters"]
    drawn = pole.on_map
    assert sum(len(m.buttons) - 1 for m in shown) == len(drawn) < len(ids)
    landing = [html.unescape(b.label) for b in shown[0].buttons[1:]]
    assert landing == [pole.places.loc[i, "name"] for i in ids[1:] if i in drawn.index
                       and pole.places.loc[i, "layer"] == "landing_sites"]


def test_figure_with_the_explorer_defaults_is_the_fresh_explorer(eds, real_ds):
    for data in (eds, real_ds):
        e = SouthPoleExplorer(data)
        fig = south_pole.figure(data, **e.values())
        assert [_seen(t) for t in fig.data] == [_seen(t) for t in e.figure.data]
        assert fig.layout.title.text == e.figure.layout.title.text
        assert e.values()["site"] == "shackleton"
        assert e.summary() == south_pole.summary(data, **e.values())


def _menus(fig: go.Figure) -> tuple[list[go.layout.Updatemenu], list[go.layout.Updatemenu]]:
    layers_menu, *site_menus = fig.layout.updatemenus
    return [layers_menu], site_menus


@pytest.mark.parametrize("which", ["fixture", "shipped"])
def test_figure_explorer_and_static_form_agree(eds, real_ds, which):
    """For every button of the static form: the explorer set to its choice shows the figure of
    build() (traces, title, message), says summary_of(), and the button carries build()'s
    traces, title and message, the site's note and summary_of() as the caption."""
    data = eds if which == "fixture" else real_ds
    e = SouthPoleExplorer(data)
    pole = e.prepared
    static = e.to_figure()
    assert static.layout.title.text == e.figure.layout.title.text  # opens on the live choice
    assert static.layout.meta["summary"] == e.static_summary() == e.summary()
    choices = south_pole_menus.static_choices(pole, e.values()["layers"])
    (layers_menu,), site_menus = _menus(static)
    assert len(layers_menu.buttons) == len(choices.layers)
    assert len(site_menus) == sum(len(m) for m in choices.sites)
    info = len(static.layout.annotations) - 1
    star = len(static.data) - 1
    states = [(label, i, "", None) for i, (label, _c) in enumerate(choices.layers)]
    n = 0
    for i, menus in enumerate(choices.sites):
        for group, entries in menus:
            n += 1
            assert site_menus[n - 1].name == f"site: {group}"
            states += [(label, i, sid, n) for label, sid in entries]
    buttons = [*layers_menu.buttons, *(b for m in site_menus for b in m.buttons)]
    assert len(buttons) == len(states)
    titles = set()
    for button, (label, i, sid, menu) in zip(buttons, states, strict=True):
        assert button.label == html.escape(label, quote=True)
        layers = choices.layers[i][1]
        e.controls["layers"].value = layers
        e.controls["site"].value = sid
        expected = south_pole.figure_from(pole, layers, sid)
        assert [_seen(t) for t in e.figure.data] == [_seen(t) for t in expected.data]
        assert e.figure.layout.title.text == expected.layout.title.text
        assert _note(e.figure).visible == _note(expected).visible
        restyle, relayout, traces = button.args
        # The caption, title and message are the builder's for this choice.
        assert relayout["meta.summary"] == e.summary() == south_pole.summary_of(pole, layers, sid)
        assert relayout["title.text"] == expected.layout.title.text
        titles.add(relayout["title.text"])
        assert relayout["annotations[0].visible"] == _note(expected).visible
        if _note(expected).visible:
            assert relayout["annotations[0].text"] == _note(expected).text
        assert relayout[f"annotations[{info}].text"] == south_pole.site_info(
            pole, sid, south_pole.INFO_CHARS)
        # Its own site menus show (one on its site), every other one hides.
        for k, m in enumerate(site_menus, start=1):
            mine = [j for j, ms in enumerate(choices.sites) for _ in ms][k - 1] == i
            assert relayout[f"updatemenus[{k}].visible"] is mine
            wanted = [b.label for b in m.buttons].index(button.label) if k == menu else 0
            assert relayout[f"updatemenus[{k}].active"] == wanted
        if menu is None:  # a layers button: which traces show, and no star
            assert set(restyle) == {"visible"} and list(traces) == list(range(len(e.figure.data)))
            assert restyle["visible"] == [t.visible is not False for t in expected.data[:-1]] + [
                False]
        else:  # a site button: only the star, where build() puts it
            assert list(traces) == [star]
            spec = south_pole.build(pole, layers, sid)
            for attr, (value,) in restyle.items():
                want = bool(sid) if attr == "visible" else spec["data"][star][attr]
                assert value == want, (label, attr)
    assert len(titles) == 1 + len(pole.on_map)  # one title per site, and one for none


def test_a_choice_with_nothing_to_show_says_so(eds, real_ds):
    for data in (eds, real_ds):
        pole = south_pole.prepare(data)
        nothing = south_pole.figure_from(pole, layers=())
        assert _note(nothing).visible is True
        assert "pick at least one layer" in _read(_note(nothing).text)
        assert "pick at least one layer" in south_pole.summary_of(pole, layers=())
        regions = data.sites[(data.sites["kind"] == "candidate_region")
                             & data.sites["lat"].isna()]
        assert len(regions)
        fig = south_pole.figure_from(pole, layers=("graticule", "candidate_regions"))
        note = _note(fig)
        assert note.visible is True
        text = _read(note.text)
        assert f"{len(regions)} candidate region" in text and "no published coordinates" in text
        assert note.x == pytest.approx(sum(south_pole.MAP_DOMAIN) / 2)  # over the map
        # The static form offers no such empty map: no candidate-regions entry, and no
        # button hides everything; "All layers" keeps the regions' count in the key.
        (layers_menu,), _sites = _menus(south_pole.static_form(pole))
        assert "candidate" not in " ".join(b.label.lower() for b in layers_menu.buttons)
        assert not any(b.args[1]["annotations[0].visible"] for b in layers_menu.buttons)
        everything = layers_menu.buttons[0]
        kinds = {(t.meta or {}).get("kind"): v for t, v in
                 zip(south_pole.figure_from(pole).data, everything.args[0]["visible"],
                     strict=True)}
        assert kinds["not drawn"] is True
        # Every layer on: the map is not empty, no message.
        assert _note(south_pole.figure_from(pole)).visible is False


# --------------------------------------------------------------------------- the static form


def _label_boxes(pole: south_pole.PoleMap, fig: go.Figure) -> list[tuple[float, ...]]:
    """Screen boxes (px, y down) of the map's names, at the map scale names are placed for."""
    kpp = pole.km_per_px
    boxes = []
    for t in fig.data:
        if (t.meta or {}).get("kind") != "labels":
            continue
        for x, y, text, pos in zip(t.x, t.y, t.text, t.textposition, strict=True):
            w_px = 8.5 * len(html.unescape(text)) + 8
            px, py = x / kpp, -y / kpp
            x0 = {"middle right": px, "middle left": px - w_px,
                  "middle center": px - w_px / 2}[pos]
            boxes.append((x0, py - 10, x0 + w_px, py + 10))
    return boxes


@pytest.mark.parametrize("real", [False, True])
def test_south_pole_labels_do_not_overlap_in_either_form(eds, real):
    e = SouthPoleExplorer(load_dataset() if real else eds)
    pole = e.prepared
    for fig in (e.figure, e.to_figure()):
        boxes = _label_boxes(pole, fig)
        assert len(boxes) == len(pole.on_map)  # every drawn place is named
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
                centre_gap = np.hypot((a[0] + a[2] - b[0] - b[2]) / 2,
                                      (a[1] + a[3] - b[1] - b[3]) / 2)
                assert centre_gap >= 20
    # Hiding a layer hides its names (they are traces of that layer), live and static.
    e.controls["layers"].value = ("landing_sites",)
    shown = {t.meta["layer"] for t in e.figure.data
             if t.meta.get("kind") == "labels" and t.visible is not False}
    assert shown == {"landing_sites"}
    fig = e.to_figure()
    (layers,), _sites = _menus(fig)
    only_sites = next(b for b in layers.buttons if b.label == "Landing sites")
    restyle, _relayout, traces = only_sites.args
    for i, v in zip(traces, restyle["visible"], strict=True):
        if fig.data[i].meta.get("kind") == "labels":
            assert v is (fig.data[i].meta["layer"] == "landing_sites")


@pytest.mark.parametrize("lang", ["en", "zh", "ru"])
def test_south_pole_names_stay_between_the_figure_edge_and_the_key(lang):
    from lunarexplainer.text import display_width
    from lunarexplainer.text import in_language

    with in_language(lang):
        pole = south_pole.prepare(load_dataset())
        fig = south_pole.static_form(pole)
    kpp, pad = pole.km_per_px, pole.r_max * south_pole.PAD
    # the key starts at KEY_X of the plot; the map is as tall as the plot, centred in its domain
    key_left = ((south_pole.KEY_X - sum(south_pole.MAP_DOMAIN) / 2) * south_pole.PLOT_WIDTH_PX
                / south_pole.PLOT_HEIGHT_PX * 2 * pad)
    plot_left = -(sum(south_pole.MAP_DOMAIN) / 2 * south_pole.PLOT_WIDTH_PX
                  / south_pole.PLOT_HEIGHT_PX * 2 * pad)
    for t in fig.data:
        if (t.meta or {}).get("kind") != "labels":
            continue
        for x, text, pos in zip(t.x, t.text, t.textposition, strict=True):
            w = (8.5 * display_width(html.unescape(text)) + 8) * kpp
            left = {"middle right": x, "middle left": x - w, "middle center": x - w / 2}[pos]
            assert plot_left <= left and left + w < key_left, (lang, html.unescape(text))


@pytest.mark.parametrize("lang", ["en", "zh", "ru"])
def test_caption_says_what_the_star_marks_without_saying_a_kind_twice(lang):
    from lunarexplainer.text import in_language

    with in_language(lang):
        pole = south_pole.prepare(load_dataset())
        base = south_pole.summary_of(pole)
        for sid in pole.sites:
            said = south_pole.summary_of(pole, None, sid).removeprefix(base).strip()
            kind = south_pole.kind_word(pole.places.loc[sid, "kind"]).casefold()
            assert said.casefold().count(kind) <= 1, said
            assert "(" + kind not in said.casefold() and ".." not in said, said
            assert common.plain(pole.places.loc[sid, "name"]) in said
    if lang == "en":
        pole = south_pole.prepare(load_dataset())
        said = south_pole.summary_of(pole, None, "shackleton")
        assert said.endswith("The star marks the crater Shackleton at 89.6° S, 132.3° E.")
        said = south_pole.summary_of(pole, None, "site-im-1")
        assert said.endswith("The star marks IM-1 Odysseus landing site at 80.1° S, 1.4° E.")


def test_south_pole_static_site_notes_are_wrapped_inside_the_figure(eds, real_ds):
    for data in (eds, real_ds):
        pole = south_pole.prepare(data)
        fig = south_pole.static_form(pole, site="shackleton")
        assert fig.layout.height <= 720  # fits a projector, menus and note included
        _layers, site_menus = _menus(fig)
        note = next(a for a in fig.layout.annotations if a.name == "site-info")
        index = list(fig.layout.annotations).index(note)
        assert note.text == south_pole.site_info(pole, "shackleton", south_pole.INFO_CHARS)
        plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
        for b in (b for m in site_menus for b in m.buttons):
            text = b.args[1][f"annotations[{index}].text"]
            lines = text.split("<br>")
            for line in lines:
                plain = html.unescape(
                    line.replace("<b>", "").replace("</b>", "").replace("<i>", "")
                    .replace("</i>", "").split(">", 1)[-1].replace("</a", ""))
                longest_word = max((len(x) for x in plain.split()), default=0)
                assert len(plain) <= max(south_pole.INFO_CHARS, longest_word) + 2, line
            # Beside the map (right of it), top under the key, bottom inside the figure.
            assert note.x > south_pole.MAP_DOMAIN[1] and note.yanchor == "top"
            top_px = (1 - note.y) * plot_px
            assert top_px + len(lines) * 22 <= plot_px + fig.layout.margin.b, b.label
        source = next(a for a in fig.layout.annotations if a.name == "source")
        assert source.x == 0 and source.xanchor == "left"  # the footer is under the map


def test_text_from_data_is_escaped_in_every_view(tmp_path):
    from chart_data import XSS
    from chart_data import edited_copy

    def poison(df):
        df.loc[df["id"] == "shackleton", ["name", "summary"]] = XSS
        return df

    bad = edited_copy(tmp_path / "data", "sites", poison, folder=EXPLORER_DATA)
    e = SouthPoleExplorer(bad)
    assert "<img" not in e.info.value and "&lt;img" in e.info.value
    for fig in (e.figure, e.to_figure(), south_pole.figure(bad, site="shackleton")):
        assert "<img" not in fig.to_json()
    assert "<img" not in e.summary()


def _name_lines_and_boxes(lang: str) -> tuple[list, list]:
    """The south pole map's name lines (place -> name) and name boxes (km), in ``lang``."""
    from lunarexplainer.text import display_width
    from lunarexplainer.text import in_language

    with in_language(lang):
        pole = south_pole.prepare(load_dataset())
        fig = south_pole.static_form(pole)
    kpp = pole.km_per_px
    lines, boxes = [], []
    for t in fig.data:
        kind = (t.meta or {}).get("kind")
        if kind == "leaders":
            xs, ys = list(t.x), list(t.y)
            lines += [((xs[i], ys[i]), (xs[i + 1], ys[i + 1])) for i in range(0, len(xs), 3)]
        elif kind in ("labels", "grid labels"):
            spots = t.textposition if kind == "labels" else ["middle center"] * len(t.x)
            for x, y, text, pos in zip(t.x, t.y, t.text, spots, strict=True):
                w = (8.5 * display_width(html.unescape(text)) + 8) * kpp
                left = {"middle right": x, "middle left": x - w, "middle center": x - w / 2}[pos]
                box = (left, y - 9 * kpp, left + w, y + 9 * kpp)
                boxes.append((kind, html.unescape(text), box))
    return lines, boxes


@pytest.mark.parametrize("lang", ["en", "zh", "ru"])
def test_south_pole_name_lines_do_not_cross_and_names_do_not_overlap(lang):
    """No two name lines cross (in Chinese, IM-2's crossed Malapert's) and no name lies on
    another name or on a grid label (in Russian, three crater names had no free spot and
    were written over each other and over "90° E")."""
    from lunarexplainer.charts.labels import segments_cross

    lines, boxes = _name_lines_and_boxes(lang)
    assert len(lines) == sum(kind == "labels" for kind, _, _ in boxes) > 5
    assert [(i, j) for i, a in enumerate(lines) for j, b in enumerate(lines)
            if i < j and segments_cross(a, b)] == [], lang
    on_top = [(a[1], b[1]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
              if "labels" in (a[0], b[0]) and a[2][0] < b[2][2] and b[2][0] < a[2][2]
              and a[2][1] < b[2][3] and b[2][1] < a[2][3]]
    assert on_top == [], lang
    pad = south_pole.prepare(load_dataset()).r_max * south_pole.PAD
    off = [text for kind, text, box in boxes if kind == "labels"
           and not (-pad <= box[1] and box[3] <= pad)]
    assert off == [], lang  # a name above or below the map is cut off or under the title
