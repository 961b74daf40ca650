"""charts/sizes.py: the rows above and under a plot, and where a static form's menus hang."""

from __future__ import annotations

import pytest

from lunarexplainer.charts.sizes import FOOTER_MARGIN
from lunarexplainer.charts.sizes import MENU_ROW_PX
from lunarexplainer.charts.sizes import TITLE_BAND_PX
from lunarexplainer.charts.sizes import Rows
from lunarexplainer.charts.sizes import menu_y


def test_the_static_form_adds_a_menu_row_above_and_a_slider_row_under() -> None:
    rows = Rows(title=108, key=34, bottom=64, slider=92)
    assert (rows.top(False), rows.under(False)) == (108 + 34, 64)
    assert (rows.top(True), rows.under(True)) == (108 + MENU_ROW_PX + 34, 64 + 92)
    assert rows.above_key(True) == 108 + MENU_ROW_PX
    assert Rows().top(True) == TITLE_BAND_PX + MENU_ROW_PX
    assert Rows().under(False) == FOOTER_MARGIN


@pytest.mark.parametrize("height", [560, 720, 900])
def test_a_menu_row_hangs_just_under_the_title_band(height: int) -> None:
    rows = Rows(title=108, key=34, bottom=64, slider=92)
    top, bottom = rows.top(True), rows.under(True)
    y = rows.menu_y(height)
    assert y > 1  # above the plot area
    # paper y counts plot heights up from the plot's bottom: back to pixels from the top
    assert top - (y - 1) * (height - top - bottom) == pytest.approx(108)
    assert menu_y(height, top, bottom, 108) == y


def test_a_plot_with_no_height_left_does_not_divide_by_zero() -> None:
    assert menu_y(200, 150, 50) == 1 + (150 - TITLE_BAND_PX)
