"""The claims chart: figure and summary, from the fixture folder read by the real loader."""

from __future__ import annotations

from lunarexplainer.charts import claims


def test_claims(ds) -> None:
    fig = claims.figure(ds)
    table = fig.data[0]
    rows = ds.article_claims
    assert table.type == "table"
    assert len(table.cells.values[0]) == len(rows)
    assert all("Source" in v and v.startswith("Checked ") for v in table.cells.values[3])
    # No <br> in any cell, so Plotly wraps every column itself; text stays ≥ 14 px.
    assert not any("<br>" in v for col in table.cells.values for v in col)
    assert table.cells.font.size >= 14 and table.header.font.size >= 14
    # The figure is tall enough for every row at the narrowest layout width.
    assert fig.layout.height >= 30 * len(rows) + 36
    summary = claims.summary(ds)
    v = rows["verdict"].value_counts()
    assert f"{v['held']} held, {v['changed']} changed" in summary
    assert f"Of the {len(rows)} claims" in summary
