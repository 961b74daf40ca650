"""The schedule slip chart: its figure, its explorer and its static form, one builder.

Data: the fixture folders tests/fixtures/charts/ and tests/fixtures/explorers/ (made-up rows,
read by the real loader) and, where the lesson's story matters, the shipped data.
"""

from __future__ import annotations

import html

import pytest

from lunarexplainer.charts import schedule_slip
from lunarexplainer.charts import schedule_slip_menus
from lunarexplainer.data import load_dataset
from lunarexplainer.explorers import ScheduleSlipExplorer
from lunarexplainer.theme import program_color

from chart_data import EXPLORER_DATA
from chart_data import chart_dataset

#: What a student reads from each trace.
SEEN = ("x", "y", "text", "hovertext")


@pytest.fixture(scope="module")
def ds():
    return chart_dataset()




def _labels(fig):
    (labels,) = [t for t in fig.data if t.meta["kind"] == "labels"]
    return labels


def _names_shown(fig) -> list[str]:
    return [html.unescape(t) for t in _labels(fig).text]


def _points_by_name(fig) -> dict[str, int]:
    """Points drawn per subject, read from the hovers (each starts with the bold name)."""
    out: dict[str, int] = {}
    for trace in fig.data:
        if trace.meta["kind"] != "line":
            continue
        assert len(trace.hovertext) == len(trace.x)
        for x, hover in zip(trace.x, trace.hovertext, strict=True):
            if x is None:
                continue
            name = html.unescape(hover.split("</b>")[0].removeprefix("<b>"))
            out[name] = out.get(name, 0) + 1
    return out


def _note(fig):
    return next(a for a in fig.layout.annotations if a.name == "nothing-selected")


def _seen(trace) -> dict:
    return {k: (list(v) if isinstance(v, tuple) else v)
            for k in SEEN if (v := trace[k]) is not None}


# ------------------------------------------------------------------------------- the figure


def test_figure_draws_every_announcement_of_the_chosen_subjects(ds) -> None:
    sh = ds.schedule_history
    prepared = schedule_slip.prepare(ds)
    names = {s: prepared.subjects[s].name for s in prepared.order}
    fig = schedule_slip.figure(ds, subjects=list(sh["mission_id"].unique()))
    assert sorted(_names_shown(fig)) == sorted(names.values())
    counts = sh["mission_id"].value_counts()
    assert _points_by_name(fig) == {names[s]: int(n) for s, n in counts.items()}
    diagonal = fig.data[0]
    assert diagonal.meta["kind"] == "diagonal" and list(diagonal.x) == list(diagonal.y)
    by_2024 = next(a for a in fig.layout.annotations if a.name == "by-2024")
    assert by_2024.visible is True
    one = schedule_slip.figure(ds, subjects=["artemis-3"])
    assert _names_shown(one) == ["Artemis III"]
    assert _points_by_name(one) == {"Artemis III": int(counts["artemis-3"])}


def test_summary_says_how_far_a_target_moved(ds) -> None:
    sh = ds.schedule_history
    summary = schedule_slip.summary(ds, subjects=["artemis-3"])
    rows = sh[sh["mission_id"] == "artemis-3"].sort_values("announced_on_start")
    assert f"announced {rows['announced_on_start'].iloc[0].year}" in summary
    assert f"announced {rows['announced_on_start'].iloc[-1].year}" in summary
    mid = rows["target_date_start"] + (rows["target_date_end"] - rows["target_date_start"]) / 2
    years = round((mid.iloc[-1] - mid.iloc[0]).days / 365.25)
    assert f"about {years} years later" in summary
    assert "A flat line means the target date did not move" in summary
    assert "a rising line means it slipped later" in summary


def test_default_subjects_are_the_most_revised_on_each_side(ds) -> None:
    from lunarexplainer import facts

    prepared = schedule_slip.prepare(ds)
    changes = facts.target_changes(ds)
    sides = [prepared.subjects[s].side for s in prepared.default]
    # The same number from each side, each plan's target changed at least once.
    assert sides.count("china-russia") == sides.count("us") >= 1
    assert all(changes[s] >= 1 for s in prepared.default)
    fig = schedule_slip.figure(ds)
    assert set(_names_shown(fig)) == {prepared.subjects[s].name for s in prepared.default}


def test_key_names_the_diagonal_as_the_deadline_not_as_no_slip(ds) -> None:
    fig = schedule_slip.figure(ds)
    keyed = [html.unescape(t.name) for t in fig.data if t.showlegend is not False]
    assert keyed[0] == "target = day announced (deadline reached)"
    assert not any("no slip" in k for k in keyed)
    hint = next(a for a in fig.layout.annotations if a.name == "how-to-read")
    assert "Flat line: the target did not move." in html.unescape(hint.text)
    assert "Rising line: the date slipped later." in html.unescape(hint.text)
    assert "Grey bar: a date known only to the month or year." in html.unescape(hint.text)
    (spans,) = [t for t in fig.data if t.meta["kind"] == "span"]
    assert spans.line.color == schedule_slip.SPAN_COLOR


def test_lines_take_their_programs_colour_and_are_named_at_their_last_point(real_ds) -> None:
    prepared = schedule_slip.prepare(real_ds)
    fig = schedule_slip.figure_from(prepared, prepared.order)  # all 14: more than 6 colours
    labels = _labels(fig)
    assert len(labels.text) == len(prepared.order)
    programs = dict(zip(real_ds.missions["id"], real_ds.missions["program"], strict=True))
    programs |= dict(zip(real_ds.phases["id"], real_ds.phases["program"], strict=True))
    for trace in fig.data:
        if trace.meta["kind"] == "line":
            names = {html.unescape(h.split("</b>")[0][3:]) for h in trace.hovertext if h}
            ids = {s for s in prepared.order if prepared.subjects[s].name in names}
            assert {program_color(programs[s]) for s in ids} == {trace.line.color}
    for s, x, text in zip(prepared.order, labels.x, labels.text, strict=True):
        subject = prepared.subjects[s]
        assert text == subject.label and x[:10] == subject.x[-1][:10]
    # labels of lines that end close together are moved apart (22 px on the plot)
    lo, hi = (schedule_slip.days(v) for v in fig.layout.yaxis.range)
    x_lo, x_hi = (schedule_slip.days(v) for v in fig.layout.xaxis.range)
    ys = sorted(schedule_slip.days(y) for y in labels.y)
    xs = [schedule_slip.days(x) for x in labels.x]
    per_px = (hi - lo) / schedule_slip.PLOT_PX
    boxes = [(x, x + (8.5 * len(html.unescape(t)) + 12) * (x_hi - x_lo) / 1000, y)
             for x, y, t in zip(xs, (schedule_slip.days(y) for y in labels.y), labels.text,
                                strict=True)]
    for i, (a0, a1, ay) in enumerate(boxes):
        for b0, b1, by in boxes[i + 1:]:
            assert not (a0 < b1 and b0 < a1) or abs(ay - by) >= 22 * per_px - 1e-6
    assert len(ys) == len(prepared.order)
    for _x0, x1, _y in boxes:  # the axis leaves room on the right for the names
        assert x1 <= x_hi
    default = schedule_slip.figure_from(prepared)
    d_lo, d_hi = (schedule_slip.days(v) for v in default.layout.xaxis.range)
    for x, text in zip(_labels(default).x, _labels(default).text, strict=True):
        x = schedule_slip.days(x)
        assert x + (8.5 * len(html.unescape(text)) + 12) * (d_hi - d_lo) / 1000 <= d_hi


def test_hover_names_the_announcement_the_target_and_the_source(eds) -> None:
    fig = schedule_slip.figure(eds, subjects=["artemis-3"])
    hovers = [h for t in fig.data if t.meta["kind"] == "line" for h in t.hovertext if h]
    assert len(hovers) == 3
    first = hovers[0]
    assert first.startswith("<b>Artemis III</b>")
    assert "announced 26 March 2019" in first and "target: by 2024" in first
    assert "First plan." in first and "Source" in first
    assert all(len(line) <= 70 for h in hovers for line in h.split("<br>")[1:])


def test_summary_narrates_both_sides_with_the_same_care(real_ds) -> None:
    prepared = schedule_slip.prepare(real_ds)
    text = schedule_slip.summary_of(prepared)  # the most revised: Artemis, Luna, Chang'e
    assert "On the China–Russia side" in text and "On the US side" in text
    everything = schedule_slip.summary_of(prepared, prepared.order)
    assert everything.count("moved most") == 2
    for side in ("China–Russia", "US"):
        sentence = everything.split(f"On the {side} side, ")[1].split(". ")[0]
        assert "moved later" in sentence and "announced" in sentence and "about" in sentence


# ------------------------------------------------------------------------------- empty choices


@pytest.mark.parametrize("subjects", [[], ["no-such-mission"]])
def test_a_choice_with_nothing_to_show_shows_the_message(ds, subjects) -> None:
    prepared = schedule_slip.prepare(ds)
    spec = schedule_slip.build(prepared, subjects)
    assert spec["layout"]["annotations"][0] == {"visible": True}
    fig = schedule_slip.figure_from(prepared, subjects)
    note = _note(fig)
    assert note.visible is True and "pick at least one mission or goal" in note.text
    assert _names_shown(fig) == [] and _points_by_name(fig) == {}
    assert "nothing to show" in fig.layout.title.text
    assert schedule_slip.summary_of(prepared, subjects).startswith("Nothing to show")
    assert _note(schedule_slip.figure_from(prepared)).visible is False


def test_explorer_empty_selection_is_friendly(eds) -> None:
    e = ScheduleSlipExplorer(eds)
    e.controls["subjects"].value = ()
    assert _note(e.figure).visible is True and "pick at least one" in _note(e.figure).text
    assert "Nothing to show" in e.summary()
    assert e.output.outputs == ()
    e.controls["subjects"].value = ("artemis-3",)
    assert _note(e.figure).visible is False


# ------------------------------------------------------------------------------- explorer


def test_explorer_shows_picked_subjects_with_diagonal(eds) -> None:
    e = ScheduleSlipExplorer(eds)
    assert list(e.controls) == ["subjects"]
    sel = e.controls["subjects"]
    sel.value = ("artemis-3",)
    assert _names_shown(e.figure) == ["Artemis III"]
    assert _points_by_name(e.figure) == {"Artemis III": 3}
    diag = e.figure.data[0]
    assert list(diag.x) == list(diag.y) and len(diag.x) == 2
    assert "3 announcements" in e.figure.layout.title.text
    (spans,) = [t for t in e.figure.data if t.meta["kind"] == "span"]
    assert None in spans.x  # year/month targets drawn as vertical spans
    sel.value = ("artemis-3", "change-7")
    assert len(_names_shown(e.figure)) == 2
    assert "Artemis III" in e.summary()


def test_explorer_title_and_summary_follow_the_choice_in_both_forms(eds) -> None:
    e = ScheduleSlipExplorer(eds)
    before = e.figure.layout.title.text
    e.controls["subjects"].value = ("artemis-3",)
    title = e.figure.layout.title.text
    assert title != before and "Artemis III" in title and "3 announcements" in title
    assert "subjects" not in title
    assert e.summary().startswith("The chart shows Artemis III (3 announcements).")
    fig = e.to_figure()
    groups, *members = fig.layout.updatemenus
    # the US group here is Artemis III alone, so it has no menu of its own
    assert html.unescape(groups.buttons[groups.active].label) == "US missions and goals"
    assert not any(m.visible for m in members)
    assert fig.layout.title.text == title  # opens on the live choice
    labels_at = next(i for i, t in enumerate(fig.data) if t.meta["kind"] == "labels")
    titles = {}
    for menu in fig.layout.updatemenus:
        for b in menu.buttons:
            assert b.method == "update"
            shown_names = {html.unescape(t) for t in b.args[0]["text"][labels_at]}
            ids = {s for s in e.prepared.order if e.prepared.subjects[s].name in shown_names}
            n = int(eds.schedule_history["mission_id"].isin(ids).sum())
            assert f"{n} announcement" in b.args[1]["title.text"], b.label
            titles[frozenset(ids)] = b.args[1]["title.text"]
    assert len(set(titles.values())) == len(titles)  # another choice, another title
    assert "Artemis III" in titles[frozenset({"artemis-3"})]
    assert "Chang" not in titles[frozenset({"artemis-3"})]


def _shown_by(fig, button) -> frozenset[str]:
    """The names a menu button's choice labels on the chart."""
    labels_at = next(i for i, t in enumerate(fig.data) if t.meta["kind"] == "labels")
    return frozenset(html.unescape(t) for t in button.args[0]["text"][labels_at])


def test_static_menus_are_short_groups_then_each_plan_of_the_group(ds) -> None:
    e = ScheduleSlipExplorer(ds)
    fig = e.to_figure()
    groups, *members = fig.layout.updatemenus
    labels = [html.unescape(b.label) for b in groups.buttons]
    assert labels == ["Most revised", "China–Russia missions", "China–Russia goals and phases",
                      "US missions and goals", "Both sides: all plans"]
    assert groups.active == 0 and [m.visible for m in members] == [True, False]
    for menu in (groups, *members):
        assert len(menu.buttons) <= schedule_slip_menus.MENU_ENTRIES  # opens on a projector
    for menu in members:  # the whole group, then each of its plans alone
        first, *rest = menu.buttons
        assert html.unescape(first.label) == f"All {len(rest)} plans" and len(rest) >= 2
        assert _shown_by(fig, first) == {html.unescape(b.label) for b in rest}
        assert all(_shown_by(fig, b) == {html.unescape(b.label)} for b in rest)
    # every plan can be shown alone (a group of one is a plan alone)
    alone = {names for menu in (groups, *members) for b in menu.buttons
             if len(names := _shown_by(fig, b)) == 1}
    assert alone == {frozenset({e.prepared.subjects[s].name}) for s in e.prepared.order}
    e.controls["subjects"].value = ("change-7", "ilrs-construction")  # not on the menu
    groups, *_members = e.to_figure().layout.updatemenus
    assert len(groups.buttons) == len(labels) + 1 and groups.active == 0
    assert html.unescape(groups.buttons[0].label) == "Chang'e 7 and ILRS: Construction"


def test_real_data_menus_fit_a_projector_and_reach_every_plan(real_ds) -> None:
    prepared = schedule_slip.prepare(real_ds)
    fig = schedule_slip.static_form(prepared)
    groups, *members = fig.layout.updatemenus
    assert len(groups.buttons) <= schedule_slip_menus.MENU_ENTRIES
    picked = set()
    for menu in members:
        assert 3 <= len(menu.buttons) <= schedule_slip_menus.MENU_ENTRIES
        picked |= {html.unescape(b.label) for b in menu.buttons[1:]}
    assert picked == {s.name for s in prepared.subjects.values()}
    # the group's menu sits right of the groups' menu, clear of it
    widest = max(schedule_slip.display_width(html.unescape(b.label)) for b in groups.buttons)
    assert all(m.x * schedule_slip_menus.MENU_PLOT_PX >= 9 * widest + 60 for m in members)


def test_key_sits_above_the_plot_with_room_for_its_rows(eds) -> None:
    from lunarexplainer.charts.sizes import MENU_ROW_PX
    from lunarexplainer.charts.sizes import TITLE_BAND_PX

    e = ScheduleSlipExplorer(eds)
    keyed = [t.name for t in e.figure.data if t.showlegend is not False]
    rows = schedule_slip.key_rows(keyed)
    for fig, above in ((e.figure, TITLE_BAND_PX),
                       (e.to_figure(), TITLE_BAND_PX + MENU_ROW_PX)):
        legend = fig.layout.legend
        assert legend.orientation == "h" and legend.yref == "container"
        assert (1 - legend.y) * fig.layout.height == pytest.approx(above)
        assert fig.layout.margin.t >= above + rows * schedule_slip.KEY_ROW_PX
        assert fig.layout.height <= 720  # fits a projector


# ------------------------------------------------------------------------------- one builder


def test_figure_with_the_explorers_defaults_is_a_fresh_explorer(eds) -> None:
    e = ScheduleSlipExplorer(eds)
    fig = schedule_slip.figure_from(e.prepared, **e.values(), plot_px=e.plot_px)
    def plain(trace) -> dict:
        return {k: v for k, v in trace.to_plotly_json().items() if k != "uid"}

    assert [plain(t) for t in fig.data] == [plain(t) for t in e.figure.data]
    assert fig.layout.title.text == e.figure.layout.title.text
    assert schedule_slip.summary(eds, **e.values()) == e.summary()
    assert set(e.values()["subjects"]) == set(schedule_slip.prepare(eds).default)


@pytest.mark.parametrize("folder", ["charts", "explorers"])
def test_figure_explorer_and_static_form_agree_for_every_static_choice(folder) -> None:
    data = chart_dataset() if folder == "charts" else load_dataset(EXPLORER_DATA)
    e = ScheduleSlipExplorer(data)
    prepared = e.prepared
    fig = e.to_figure()
    live = e.values()["subjects"]
    groups, *members = fig.layout.updatemenus
    choices, current = schedule_slip_menus.static_choices(prepared, live)
    menus = [(groups, choices), *zip(members, [m for m in schedule_slip_menus.member_choices(
        prepared, choices) if m], strict=True)]
    pairs = []
    for menu, entries in menus:
        assert [html.unescape(b.label) for b in menu.buttons] == [c[0] for c in entries]
        pairs += zip(menu.buttons, entries, strict=True)
    for button, (_, chosen) in pairs:
        spec = schedule_slip.build(prepared, chosen)
        live = schedule_slip.build(prepared, chosen, plot_px=e.plot_px)  # labels for its height
        summary = schedule_slip.summary_of(prepared, chosen)
        e.controls["subjects"].value = tuple(chosen)
        assert e.output.outputs == ()
        restyle, relayout = button.args
        for i, (trace, built, shown) in enumerate(zip(e.figure.data, spec["data"],
                                                      live["data"], strict=True)):
            seen = _seen(trace)
            for key, value in built.items():
                if key in SEEN:
                    assert seen[key] == shown[key], (chosen, i, key)
                    assert restyle[key][i] == value, (chosen, i, key)
        assert relayout["title.text"] == spec["layout"]["title"]["text"]
        assert e.figure.layout.title.text == spec["layout"]["title"]["text"]
        assert relayout["xaxis.range"] == list(e.figure.layout.xaxis.range)
        assert relayout["annotations[0].visible"] is False
        assert relayout["meta.summary"] == summary == e.summary()
        # the figure made for these options shows the same
        alone = schedule_slip.figure_from(prepared, chosen, plot_px=e.plot_px)
        assert [_seen(t) for t in alone.data] == [_seen(t) for t in e.figure.data]
    # the static form opens on the live choice and says so
    opening = schedule_slip_menus.static_choices(prepared, None)
    assert fig.layout.meta["summary"] == schedule_slip.summary_of(
        prepared, schedule_slip_menus.static_opening(prepared, live)[2])
    assert opening[1] == 0


def test_static_buttons_keep_the_footer_and_change_only_built_annotations(eds) -> None:
    fig = ScheduleSlipExplorer(eds).to_figure()
    footer_at = next(i for i, a in enumerate(fig.layout.annotations) if a.name == "source")
    for b in (b for menu in fig.layout.updatemenus for b in menu.buttons):
        relayout = b.args[1]
        assert "annotations" not in relayout
        assert not any(k.startswith(f"annotations[{footer_at}]") for k in relayout)


def test_data_text_is_escaped_in_labels_hovers_and_menus(tmp_path) -> None:
    from chart_data import XSS
    from chart_data import hostile_copy

    bad = chart_dataset(hostile_copy(tmp_path / "data"))
    e = ScheduleSlipExplorer(bad, subjects=["change-7", "ilrs-construction"])
    for fig in (e.figure, e.to_figure()):
        text = fig.to_json()
        assert "<img" not in text
    assert html.escape(XSS, quote=True) in _labels(e.figure).text
    assert "<" not in e.summary() and "‹img" in e.summary()
