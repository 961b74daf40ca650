"""The partnership_timeline chart: figure and summary (fixture folder, real loader)."""

from __future__ import annotations

from lunarexplainer.charts import partnership_timeline


def test_partnership_timeline(ds) -> None:
    fig = partnership_timeline.figure(ds)
    ms = ds.milestones[ds.milestones["program"] == "ILRS"]
    points = [t for t in fig.data if t.name == "milestones"][0]
    assert len(points.x) == len(ms)
    assert set(points.text) == set(ms["title"])
    phases = ds.phases[ds.phases["id"].str.startswith("ilrs-") & (ds.phases["kind"] == "phase")]
    assert len([s for s in fig.layout.shapes if s.type == "rect"]) == len(phases)
    # A year-only milestone is drawn as a span covering that year.
    spans = [t for t in fig.data if (t.meta or {}).get("kind") == "span"]
    n_inexact = int(ms["date_precision"].ne("day").sum())
    assert sum(1 for v in spans[0].x if v is None) == n_inexact
    summary = partnership_timeline.summary(ds)
    first = ms.sort_values("date_start").iloc[0]
    assert f"{len(ms)} milestones" in summary
    assert first["title"] in summary
    assert f"{len(phases)} planned phases" in summary
