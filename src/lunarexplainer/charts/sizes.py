"""Pixel sizes that several charts share, and where a static form's row of menus hangs.

The charts estimate how much room their text needs before a browser measures it (to place
labels in lanes, size tiles and keep a figure on a 1280×720 projector), and Plotly places
menus only in plot ("paper") units. The estimates and rows that more than one chart uses are
declared here once; a size only one chart uses stays in that chart's module.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import theme

#: Label and tile text (px), about how wide one of its characters is (plain and bold) and how
#: tall one of its lines is.
TEXT_PX = theme.LABEL_FONT_SIZE
CHAR_PX = 8.5
BOLD_CHAR_PX = 9.5
LINE_PX = 21
#: Characters per line of a hover box.
HOVER_CHARS = 60
#: The tallest a figure may be, menus and footer included: a 1280×720 projector.
MAX_HEIGHT = 720
#: Pixels between the bottom of the plot area and the "Facts up to" source line, and the
#: bottom margin that leaves room for the two-line source footer under the plot.
FOOTER_SHIFT = 78
FOOTER_MARGIN = FOOTER_SHIFT + 58
#: Static forms: the title takes the top TITLE_BAND_PX pixels, then a row of menus
#: MENU_ROW_PX tall.
TITLE_BAND_PX = 52
MENU_ROW_PX = 44


def menu_y(height: float, top: float, bottom: float, title_px: float = TITLE_BAND_PX) -> float:
    """Paper y of the top edge of a row of menus hung ``title_px`` from the figure's top.

    ``height`` is the figure's height and ``top``/``bottom`` its margins (px); paper y runs
    from 0 at the bottom of the plot area to 1 at its top, so a menu above the plot is > 1.
    """
    return 1 + (top - title_px) / max(height - top - bottom, 1)


@dataclass(frozen=True)
class Rows:
    """A figure's rows of pixels above and under its plot, in its live and static forms.

    From the top: the title band (``title`` px), in the static form a row of menus
    (:data:`MENU_ROW_PX`), then ``key`` px (a key, a label); under the plot ``bottom`` px of
    margin, and in the static form ``slider`` px more for a slider row.
    """

    title: int = TITLE_BAND_PX
    key: int = 0
    bottom: int = FOOTER_MARGIN
    slider: int = 0

    def above_key(self, static: bool) -> int:
        """Pixels from the top to the key: the title band and (static form) the menu row."""
        return self.title + (MENU_ROW_PX if static else 0)

    def top(self, static: bool) -> int:
        """The top margin: everything above the plot."""
        return self.above_key(static) + self.key

    def under(self, static: bool) -> int:
        """The bottom margin: everything under the plot."""
        return self.bottom + (self.slider if static else 0)

    def menu_y(self, height: float) -> float:
        """Paper y of the static form's menu row, in a figure ``height`` px tall."""
        return menu_y(height, self.top(True), self.under(True), self.title)
