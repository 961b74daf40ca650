"""The ilrs_phases chart: figure and summary, from the fixture folder read by the real loader."""

from __future__ import annotations

from lunarexplainer.charts import ilrs_phases


def test_ilrs_phases(ds) -> None:
    fig = ilrs_phases.figure(ds)
    phases = ds.phases[ds.phases["id"].str.startswith("ilrs-") & (ds.phases["kind"] == "phase")]
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 1 and len(bars[0].y) == len(phases)
    in_phase = ds.missions[ds.missions["ilrs_phase"].isin(["reconnaissance", "construction",
                                                           "utilization"])]
    markers = [t for t in fig.data if t.type == "scatter" and t.mode == "markers+text"]
    assert sum(len(t.x) for t in markers) == len(in_phase)
    summary = ilrs_phases.summary(ds)
    assert f"planned in {len(phases)} phases" in summary
    flown = int(in_phase["status"].isin(["success", "partial", "failure"]).sum())
    assert f"{flown} of the {len(in_phase)} missions" in summary
