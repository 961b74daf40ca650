"""Selenographic coordinates on our own south-pole map: projection, crater rims, labels.

Plain numpy, no geo traces: the Moon is not the Earth, so Plotly's map projections do not fit.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..text import format_number
from ..text import t
from .common import MOON_RADIUS_KM


def project_south_pole(lat: Any, lon: Any, radius_km: float = MOON_RADIUS_KM) -> tuple[Any, Any]:
    """Polar stereographic projection centred on the south pole, in km.

    0° longitude points up (towards Earth) and 90° E to the right.
    """
    lat_r = np.radians(np.asarray(lat, dtype=float))
    lon_r = np.radians(np.asarray(lon, dtype=float))
    colat = np.pi / 2 + lat_r  # angular distance from the south pole
    r = 2 * radius_km * np.tan(colat / 2)
    return r * np.sin(lon_r), r * np.cos(lon_r)


def rim(lat: float, lon: float, diameter_km: float, n: int = 73) -> tuple[Any, Any]:
    """Crater rim: the small circle of the given diameter on the sphere, projected."""
    alpha = (diameter_km / 2) / MOON_RADIUS_KM
    lat0, lon0 = math.radians(lat), math.radians(lon)
    bearings = np.linspace(0, 2 * np.pi, n)
    lat2 = np.arcsin(np.sin(lat0) * np.cos(alpha)
                     + np.cos(lat0) * np.sin(alpha) * np.cos(bearings))
    lon2 = lon0 + np.arctan2(np.sin(bearings) * np.sin(alpha) * np.cos(lat0),
                             np.cos(alpha) - np.sin(lat0) * np.sin(lat2))
    return project_south_pole(np.degrees(lat2), np.degrees(lon2))


def coord_text(lat: float, lon: float) -> str:
    """'89.6° S, 132.3° E' (one decimal, written the local way)."""
    lon = ((lon + 180) % 360) - 180
    fields = {"lat": format_number(round(abs(lat), 1)), "lon": format_number(round(abs(lon), 1))}
    if lat < 0:
        return t("{lat}° S, {lon}° W", **fields) if lon < 0 else t("{lat}° S, {lon}° E", **fields)
    return t("{lat}° N, {lon}° W", **fields) if lon < 0 else t("{lat}° N, {lon}° E", **fields)


def longitude_label(lon: int) -> str:
    signed = ((lon + 180) % 360) - 180
    deg = format_number(abs(signed))
    if signed in (0, -180, 180):
        return t("{lon}°", lon=deg)
    return t("{lon}° E", lon=deg) if signed > 0 else t("{lon}° W", lon=deg)


def latitude_label(lat: float) -> str:
    return t("{lat}° S", lat=format_number(abs(float(lat))))
