"""The outcomes chart: figure and summary, from the fixture folder read by the real loader."""

from __future__ import annotations

from lunarexplainer.charts import outcomes
from lunarexplainer.theme import STATUS_COLORS


def test_outcomes(ds) -> None:
    fig = outcomes.figure(ds)
    m = ds.missions.dropna(subset=["launch_date_start"])
    assert fig.layout.barmode == "stack"
    assert {t.meta["status"] for t in fig.data} == set(m["status"])
    assert sum(sum(t.x) for t in fig.data) == len(m)
    for t in fig.data:
        assert t.marker.color == STATUS_COLORS[t.meta["status"]]
        # The pattern is drawn over the status colour, not instead of it.
        assert t.marker.pattern.fillmode == "overlay"
    # One bar per program and decade, in program order, decades ascending.
    labels = list(fig.data[0].y)
    assert fig.layout.yaxis.categoryarray == tuple(labels)
    summary = outcomes.summary(ds)
    c = m["status"].value_counts()
    assert f"Of {len(m)} Moon missions" in summary
    assert f"{c.get('success', 0)} succeeded" in summary
    assert f"{c.get('failure', 0)} failed" in summary
