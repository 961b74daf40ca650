"""Where the names on a map go: beside their places, clear of what is drawn and of each other.

:func:`place_labels` is greedy (each name takes the nearest free spot), then :func:`uncross`
moves names whose lines from the place cross, or run through another name. Positions are in
the map's units (km on the south pole map); offsets are Plotly pixels.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..text import display_width
from .sizes import CHAR_PX

Box = tuple[float, float, float, float]
Segment = tuple[tuple[float, float], tuple[float, float]]
#: A placed name: offset (px, Plotly annotation pixels: ay grows downwards), anchor side,
#: its text box (km) and its leader line (from the place to the name, km).
Spot = tuple[float, float, str, Box, Segment]
#: The directions :func:`place_labels` tries, in order of preference.
LABEL_DIRECTIONS = ((1, -1), (1, 1), (-1, -1), (-1, 1), (1, 0), (-1, 0), (0, -1), (0, 1))


def segments_cross(a: Segment, b: Segment) -> bool:
    """True when two segments cross (touching at an end does not count)."""
    def side(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    (p1, p2), (q1, q2) = a, b
    return (side(q1, q2, p1) * side(q1, q2, p2) < 0
            and side(p1, p2, q1) * side(p1, p2, q2) < 0)


def segment_hits_box(seg: Segment, box: Box) -> bool:
    """True when a segment runs through a box (x0, y0, x1, y1)."""
    if any(box[0] < x < box[2] and box[1] < y < box[3] for x, y in seg):
        return True
    corners = [(box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3])]
    return any(segments_cross(seg, (corners[k], corners[(k + 1) % 4])) for k in range(4))


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _label_box(x: float, y: float, text: str, side: str, km_per_px: float) -> Box:
    """The text box (km) of ``text`` anchored at (x, y) on ``side`` ("left": it starts there)."""
    w = (CHAR_PX * display_width(text) + 8) * km_per_px
    h = 20 * km_per_px
    x0 = x if side == "left" else (x - w if side == "right" else x - w / 2)
    return (x0, y - h / 2, x0 + w, y + h / 2)


#: How far (px beyond a place's clearance) a name may be put, nearest first.
LABEL_DISTANCES = (18, 45, 80, 120, 160, 200)


def _candidates(item: tuple[float, float, str, float], km_per_px: float,
                 directions: Sequence[tuple[int, int]]) -> list[Spot]:
    """Every spot a name may take, nearest first: the directions at each distance."""
    x, y, text, clear = item
    out = []
    for dist in (clear / km_per_px + d for d in LABEL_DISTANCES):
        for dx, dy in directions:
            norm = math.hypot(dx, dy)
            ax, ay = dx / norm * dist, -dy / norm * dist
            lx, ly = x + ax * km_per_px, y - ay * km_per_px
            side = "left" if dx > 0 else ("right" if dx < 0 else "center")
            out.append((ax, ay, side, _label_box(lx, ly, text, side, km_per_px),
                        ((x, y), (lx, ly))))
    return out


def place_labels(
    items: list[tuple[float, float, str, float]], blocked: list[Box],
    km_per_px: float, directions: Sequence[tuple[int, int]] | None = None,
) -> list[tuple[float, float, str]]:
    """Greedy label placement: for each ``(x, y, text, clearance_km)`` pick an offset (px).

    Tries eight directions at :data:`LABEL_DISTANCES` and keeps the first whose text box
    overlaps no box in ``blocked`` (x0, y0, x1, y1 in km); each placed box is then blocked
    too. Then names whose leader lines cross, or run through another name, are moved
    (:func:`uncross`).
    Returns ``(ax, ay, xanchor)`` per item, in Plotly annotation pixels (ay grows downwards).
    """
    directions = directions or LABEL_DIRECTIONS
    fixed = list(blocked)
    spots: list[Spot] = []
    for item in items:
        x, y, _text, clear = item
        best = next((spot for spot in _candidates(item, km_per_px, directions)
                     if not any(_overlaps(spot[3], b) for b in blocked)), None)
        if best is None:
            dist = clear / km_per_px + 22
            best = (dist, 0.0, "left", (x, y, x, y), ((x, y), (x + dist * km_per_px, y)))
        blocked.append(best[3])
        spots.append(best)
    uncross(items, spots, fixed, km_per_px, directions)
    blocked[len(fixed):] = [spot[3] for spot in spots]
    return [spot[:3] for spot in spots]


def uncross(items: list[tuple[float, float, str, float]], spots: list[Spot], fixed: list[Box],
            km_per_px: float, directions: Sequence[tuple[int, int]] = LABEL_DIRECTIONS) -> None:
    """Move names (in ``spots``, in place) whose leader lines cross, or where one's line runs
    through the other's name: the two trade places (each on the same side of the other's
    point) when both still fit, else the later one, then the earlier one, takes its nearest
    free spot. A move is made only when the moved names and lines then clash with nothing."""
    def clash(a: Spot, b: Spot) -> bool:
        return (segments_cross(a[4], b[4]) or segment_hits_box(a[4], b[3])
                or segment_hits_box(b[4], a[3]))

    def free(spot: Spot, others: list[int]) -> bool:
        return not (any(_overlaps(spot[3], b) for b in fixed)
                    or any(_overlaps(spot[3], spots[k][3]) or clash(spot, spots[k])
                           for k in others))

    def at(i: int, point: tuple[float, float], side: str) -> Spot:
        x, y = items[i][0], items[i][1]
        return ((point[0] - x) / km_per_px, -(point[1] - y) / km_per_px, side,
                _label_box(point[0], point[1], items[i][2], side, km_per_px), ((x, y), point))

    n = len(spots)
    for i in range(n):
        for j in range(i + 1, n):
            if not clash(spots[i], spots[j]):
                continue
            rest = [k for k in range(n) if k not in (i, j)]
            new_i, new_j = (at(i, spots[j][4][1], spots[j][2]),
                            at(j, spots[i][4][1], spots[i][2]))
            if (free(new_i, rest) and free(new_j, rest)
                    and not _overlaps(new_i[3], new_j[3]) and not clash(new_i, new_j)):
                spots[i], spots[j] = new_i, new_j
                continue
            for k in (j, i):
                others = [m for m in range(n) if m != k]
                spot = next((s for s in _candidates(items[k], km_per_px, directions)
                             if free(s, others)), None)
                if spot is not None:
                    spots[k] = spot
                    break
