"""Translated lessons: ``notebooks/<lang>/`` follows ``notebooks/`` cell by cell.

A translated notebook has the same cells as the English one, in the same order and with the
same ids. Its code cells are the English code, except the one line that picks the language
(``ds = load_dataset()`` becomes ``ds = load_dataset(lang="zh")``). Its markdown cells hold
the translation, and each records in its metadata which English text it translates::

    "metadata": {"translation": {"source_sha": "<first 12 hex digits of sha256(English)>"}}

so a changed English cell shows up as *stale* (QuantEcon keeps a ``source-sha`` per translated
lecture; we keep one per cell, so the cell to update is named). The teacher guide is one
Markdown file per language; it records the sha of the English guide's hand-written text (the
generated blocks left out) in its first line.

``lunarexplainer translations`` lists what is missing or stale; ``--sync`` writes the cells a
translation lacks (English text, no sha) and copies the English code; ``--mark`` records the
English sha for every markdown cell whose text is now translated (differs from the English).
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..text import N_
from ..text import nt
from ..text import t

__all__ = [
    "TRANSLATED", "LANGUAGE_LINE", "GUIDE_NAME", "notebooks_dir", "english_notebooks",
    "source_sha", "code_for", "Problem", "notebook_problems", "guide_problems", "problems",
    "sync_notebook", "mark_notebook", "guide_sha", "translations_main",
]

#: Languages with translated lessons (English is the source).
TRANSLATED = ("zh", "ru")
#: The one code line that differs between languages.
LANGUAGE_LINE = "ds = load_dataset()"
GUIDE_NAME = "teacher_guide.md"
_GUIDE_HEADER = "<!-- translation of ../teacher_guide.md, source-sha: {sha} -->"
_GUIDE_HEADER_RE = re.compile(r"<!-- translation of \.\./teacher_guide\.md, source-sha: "
                              r"([0-9a-f]*) -->")
_BLOCK_RE = re.compile(r"<!-- ([a-z-]+):start -->.*?<!-- \1:end -->", re.S)


def notebooks_dir() -> Path:
    """The repository's ``notebooks/`` folder."""
    return Path(__file__).resolve().parents[3] / "notebooks"


def english_notebooks(folder: Path | None = None) -> list[Path]:
    """The English lessons, in order."""
    return sorted((folder or notebooks_dir()).glob("[0-9][0-9]_*.ipynb"))


def source_sha(text: str) -> str:
    """The first 12 hex digits of the SHA-256 of an English cell's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _source(cell: dict[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def code_for(english: str, lang: str) -> str:
    """The code of a translated cell: the English code with the language line for ``lang``."""
    return english.replace(LANGUAGE_LINE, f'ds = load_dataset(lang="{lang}")')


@dataclass(frozen=True)
class Problem:
    """One thing a translation lacks: ``file: cell id: problem`` (``problem`` is the English
    message; :meth:`text` writes it in the current language)."""

    file: str
    cell: str
    problem: str

    def text(self) -> str:
        problem = t(self.problem)
        return f"{self.file}: {self.cell}: {problem}" if self.cell else \
            f"{self.file}: {problem}"


def _read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path: Path, nb: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def notebook_problems(english: Path, lang: str) -> list[Problem]:
    """What ``notebooks/<lang>/<name>`` lacks against ``english``: missing, stale or
    untranslated cells, and code that differs from the English code."""
    path = english.parent / lang / english.name
    name = f"notebooks/{lang}/{english.name}"
    if not path.exists():
        return [Problem(name, "", N_("no translation yet"))]
    source, target = _read(english)["cells"], _read(path)["cells"]
    if [c.get("id") for c in source] != [c.get("id") for c in target] or \
            [c["cell_type"] for c in source] != [c["cell_type"] for c in target]:
        return [Problem(name, "", N_("its cells are not the English cells (run "
                                     "`lunarexplainer translations --sync`)"))]
    out = []
    for en, tr in zip(source, target, strict=True):
        cid, text = str(en.get("id")), _source(en)
        if en["cell_type"] == "code":
            if _source(tr) != code_for(text, lang):
                out.append(Problem(name, cid, N_("code differs from the English cell")))
            continue
        sha = tr.get("metadata", {}).get("translation", {}).get("source_sha", "")
        if not sha:
            out.append(Problem(name, cid, N_("not translated yet")))
        elif sha != source_sha(text):
            out.append(Problem(name, cid, N_("stale: the English text changed since it "
                                             "was translated")))
    return out


def guide_sha(text: str) -> str:
    """The sha of a guide's hand-written text (generated blocks left out)."""
    return source_sha(_BLOCK_RE.sub("", text))


def guide_problems(folder: Path, lang: str) -> list[Problem]:
    """Whether ``notebooks/<lang>/teacher_guide.md`` follows the English guide."""
    path = folder / lang / GUIDE_NAME
    name = f"notebooks/{lang}/{GUIDE_NAME}"
    if not path.exists():
        return [Problem(name, "", N_("no translation yet"))]
    match = _GUIDE_HEADER_RE.match(path.read_text(encoding="utf-8"))
    english = guide_sha((folder / GUIDE_NAME).read_text(encoding="utf-8"))
    if not match or not match.group(1):
        return [Problem(name, "", N_("no source-sha in its first line"))]
    if match.group(1) != english:
        return [Problem(name, "",
                         N_("stale: the English guide changed since it was translated"))]
    return []


def problems(lang: str, folder: Path | None = None) -> list[Problem]:
    """Everything ``lang``'s lessons and guide lack."""
    folder = folder or notebooks_dir()
    out = [p for nb in english_notebooks(folder) for p in notebook_problems(nb, lang)]
    return out + guide_problems(folder, lang)


def sync_notebook(english: Path, lang: str) -> Path:
    """Write ``notebooks/<lang>/<name>`` with the English cells: the English code, the
    translated markdown where a cell with that id has one, else the English text."""
    path = english.parent / lang / english.name
    nb = _read(english)
    old = {c.get("id"): c for c in _read(path)["cells"]} if path.exists() else {}
    cells = []
    for en in nb["cells"]:
        cell = copy.deepcopy(en)
        if en["cell_type"] == "code":
            cell["source"] = code_for(_source(en), lang)
        elif en.get("id") in old and old[en["id"]]["cell_type"] == "markdown":
            cell["source"] = old[en["id"]]["source"]
            meta = old[en["id"]].get("metadata", {}).get("translation")
            if meta:
                cell.setdefault("metadata", {})["translation"] = meta
        cells.append(cell)
    nb["cells"] = cells
    nb["metadata"]["lunarexplainer"] = {"language": lang, "translates": f"../{english.name}"}
    _write(path, nb)
    return path


def mark_notebook(english: Path, lang: str) -> int:
    """Record the English sha on every markdown cell whose text now differs from the English
    text and that has no sha yet; returns how many were marked."""
    path = english.parent / lang / english.name
    nb, source = _read(path), {c.get("id"): c for c in _read(english)["cells"]}
    marked = 0
    for cell in nb["cells"]:
        en = source.get(cell.get("id"))
        if cell["cell_type"] != "markdown" or en is None:
            continue
        meta = cell.setdefault("metadata", {}).setdefault("translation", {})
        if not meta.get("source_sha") and _source(cell) != _source(en):
            meta["source_sha"] = source_sha(_source(en))
            marked += 1
        if not meta:
            del cell["metadata"]["translation"]
    _write(path, nb)
    return marked


def translations_main(argv: list[str] | None = None) -> int:
    """``lunarexplainer translations [--lang zh|ru] [--sync] [--mark]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="lunarexplainer translations")
    parser.add_argument("--lang", choices=TRANSLATED, action="append")
    parser.add_argument("--sync", action="store_true", help="write missing cells and code")
    parser.add_argument("--mark", action="store_true",
                        help="record the English sha of newly translated cells")
    args = parser.parse_args(argv)
    folder = notebooks_dir()
    found = []
    for lang in args.lang or TRANSLATED:
        for nb in english_notebooks(folder):
            if args.sync:
                sync_notebook(nb, lang)
            if args.mark:
                mark_notebook(nb, lang)
        found += problems(lang, folder)
    for problem in found:
        print(problem.text())
    print(nt("{count} translation problems", "{count} translation problems", len(found),
             count=len(found)) if found else t("Every translation is up to date."))
    return 1 if found else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(translations_main())
