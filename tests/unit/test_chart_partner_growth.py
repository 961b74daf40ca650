"""The partner_growth chart: figure and summary, from the fixture folder read by the real loader."""

from __future__ import annotations

import pandas as pd

from lunarexplainer.charts import partner_growth


def test_partner_growth(ds) -> None:
    fig = partner_growth.figure(ds)
    p = ds.partners
    groups = p.groupby(["framework", "kind"]).size()
    assert len(fig.data) == len(groups)
    for trace in fig.data:
        fw, kind = trace.meta["framework"], trace.meta["kind"]
        assert trace.y[-1] == groups[(fw, kind)]
        assert trace.line.shape == "hv"
        assert list(trace.y) == sorted(trace.y)
    ilrs = p[p["framework"] == "ILRS"]
    n_c = int((ilrs["kind"] == "country").sum())
    n_o = int((ilrs["kind"] == "organization").sum())
    n_a = int((p["framework"] == "Artemis Accords").sum())
    summary = partner_growth.summary(ds)
    assert summary.startswith("By November 2026, ")
    assert f"{n_c} countries and {n_o} organizations had joined the ILRS" in summary
    assert f"the Artemis Accords had {n_a} signatories" in summary


def test_partner_growth_by_year(ds) -> None:
    summary = partner_growth.summary(ds, year=2023)
    p = ds.partners[ds.partners["joined_on_start"] <= pd.Timestamp("2023-12-31")]
    n_a = int((p["framework"] == "Artemis Accords").sum())
    assert summary.startswith("By December 2023")
    assert f"had {n_a} signatories" in summary
