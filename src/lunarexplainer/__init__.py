"""lunarexplainer: the China–Russia International Lunar Research Station and NASA's Artemis,
explained with sourced data, Plotly charts and ipywidgets explorers."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

__version__ = "0.1.0"
__all__ = ["load_dataset", "Dataset", "DataValidationError", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from .data import Dataset
    from .data import DataValidationError
    from .data import load_dataset


def __getattr__(name: str) -> Any:
    # Lazy so that `import lunarexplainer` stays cheap (see benchmarks/).
    if name in {"load_dataset", "Dataset", "DataValidationError"}:
        from . import data

        return getattr(data, name)
    raise AttributeError(f"module 'lunarexplainer' has no attribute {name!r}")
