"""Every choice of every static form says what it shows: title, caption and empty message.

Each button and slider step of an explorer's static form is applied to the figure the way
plotly.js applies it (``plotly_update``), then the figure must show the title, the caption
(``layout.meta.summary``, which the site's page script puts under the chart) and the
empty-state note that the chart's own builder gives for that choice (tests/form_choices.py).
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import pytest
from form_choices import form_choices
from form_choices import plain

from lunarexplainer.charts.common import SUMMARY_PATH
from lunarexplainer.explorers import EXPLORERS


def _entry(fig: go.Figure, kind: str, index: int, entry: int) -> Any:
    if kind == "menu":
        return fig.layout.updatemenus[index].buttons[entry]
    return fig.layout.sliders[index].steps[entry]


def _click(fig: go.Figure, kind: str, index: int, entry: int) -> None:
    """What plotly.js does for a button or step with ``method: "update"``."""
    item = _entry(fig, kind, index, entry)
    assert item.method == "update"
    restyle, relayout, *traces = item.args
    relayout = dict(relayout)
    summary = relayout.pop(SUMMARY_PATH, None)  # plotly.js sets this path; plotly.py cannot
    indexes = list(traces[0]) if traces else list(range(len(fig.data)))
    for attr, values in restyle.items():
        for k, i in enumerate(indexes):
            if attr in fig.data[i]:  # plotly.js leaves out attributes a trace type lacks
                fig.data[i][attr] = values[k % len(values)]
    fig.plotly_relayout(relayout)
    if summary is not None:
        fig.layout.meta = {**fig.layout.meta, "summary": summary}
    if kind == "menu":
        fig.layout.updatemenus[index].active = entry
    else:
        fig.layout.sliders[index].active = entry


def _note(fig: go.Figure) -> go.layout.Annotation | None:
    return next((a for a in fig.layout.annotations if a.name == "nothing-selected"), None)


@pytest.fixture(scope="module", params=["fixture", "shipped"])
def data(request, eds, real_ds):
    return eds if request.param == "fixture" else real_ds


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_every_static_choice_sets_its_title_caption_and_empty_message(data, name):
    explorer = EXPLORERS[name](data)
    static = explorer.to_figure()
    # It opens saying what the page's caption says.
    assert static.layout.meta["summary"] == explorer.static_summary()
    choices = form_choices(explorer)
    n_entries = sum(len(m.buttons) for m in static.layout.updatemenus) + sum(
        len(s.steps) for s in static.layout.sliders)
    assert len({c.clicks[-1] for c in choices}) == len(choices) == n_entries
    titles, summaries = set(), set()
    for choice in choices:
        fig = go.Figure(static)
        for click in choice.clicks:
            _click(fig, *click)
        item = _entry(fig, *choice.clicks[-1])
        assert SUMMARY_PATH in item.args[1], (name, choice.options)
        assert plain(fig.layout.title.text) == choice.title, choice.options
        assert fig.layout.meta["summary"] == choice.summary, choice.options
        note = _note(fig)
        if choice.empty is None:
            assert note is None or note.visible is False, choice.options
        else:
            assert note is not None and note.visible is True, choice.options
            assert plain(note.text) == choice.empty, choice.options
        titles.add(choice.title)
        summaries.add(choice.summary)
    # Different choices say different things (a menu that changes nothing is caught here).
    assert len(titles) > 1 and len(summaries) > 1


def test_a_south_pole_site_choice_names_that_site(real_ds):
    """Lesson 04: picking IM-1 after Shackleton puts IM-1, not Shackleton, in the title."""
    explorer = EXPLORERS["south_pole"](real_ds)
    static = explorer.to_figure()
    assert "Shackleton" in plain(static.layout.title.text)
    im1 = next(c for c in form_choices(explorer) if c.options.get("site") == "site-im-1")
    fig = go.Figure(static)
    for click in im1.clicks:
        _click(fig, *click)
    assert "IM-1" in plain(fig.layout.title.text)
    assert "Shackleton" not in plain(fig.layout.title.text)
    assert "IM-1" in fig.layout.meta["summary"] and "Shackleton" not in fig.layout.meta["summary"]


def test_a_choice_with_nothing_to_show_says_so_in_words(real_ds):
    """In the shipped data the ILRS year slider starts before anyone had joined: that step
    shows the builder's message on the map, and its caption says so too."""
    explorer = EXPLORERS["partner_map"](real_ds)
    empty = [c for c in form_choices(explorer) if c.empty]
    assert empty, "no static choice of the partner map is empty any more"
    for choice in empty:
        assert choice.summary and choice.empty
