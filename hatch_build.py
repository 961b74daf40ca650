"""Build hook (hatchling): the wheel carries the message catalogs compiled to ``.mo``.

A checkout and an editable install read the ``.po`` files themselves (lunarexplainer.text), so
an edited catalog is seen at once; a wheel gets each ``<lang>/LC_MESSAGES/*.po`` compiled with
Babel, with the plural rules of its language in the header.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src/lunarexplainer/text/locale")


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        self._compiled = tempfile.TemporaryDirectory(prefix="lunarexplainer-mo-")
        locale = Path(self.root) / LOCALE
        for po in sorted(locale.glob("*/LC_MESSAGES/*.po")):
            lang = po.parent.parent.name
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=lang)
            relative = po.relative_to(locale).with_suffix(".mo")
            target = Path(self._compiled.name) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as handle:
                write_mo(handle, catalog)
            build_data["force_include"][str(target)] = f"lunarexplainer/text/locale/{relative}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        compiled = getattr(self, "_compiled", None)
        if compiled is not None:
            compiled.cleanup()
