"""`lunarexplainer export --worksheets`: an A4 worksheet and answer key per lesson, as PDFs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lunarexplainer import load_dataset
from lunarexplainer.lesson.quiz import lesson_questions

from harness import ARTIFACTS
from harness import IN_CI
from harness import notebook_paths
from harness import require_chromium

pytestmark = pytest.mark.browser


def _need(tool: str) -> None:
    if shutil.which(tool):
        return
    reason = f"{tool} is missing (Debian poppler-utils)"
    if IN_CI:
        pytest.fail(reason + "; CI must install it (see .ci/run)")
    pytest.skip(reason)


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def worksheets(tmp_path_factory) -> Path:
    require_chromium()
    _need("pdftotext")
    out = tmp_path_factory.mktemp("worksheets")
    # In its own process, as a teacher runs it: the browser tests' session already holds a
    # Playwright instance in this process, and Playwright's sync API allows only one per thread.
    run = subprocess.run([sys.executable, "-c", "import sys; from lunarexplainer.cli import main; "
                          "sys.exit(main(sys.argv[1:]))", "export", "--worksheets", "--out",
                          str(out)], capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    return out


def _pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                            text=True, check=True)
    return _words(result.stdout)


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_every_lesson_has_a_worksheet_and_key_with_every_quiz_question(worksheets, path):
    ds = load_dataset()
    sheet = worksheets / f"{path.stem}-worksheet.pdf"
    key = worksheets / f"{path.stem}-answers.pdf"
    assert sheet.exists() and key.exists()
    info = subprocess.run(["pdfinfo", str(sheet)], capture_output=True, text=True).stdout
    assert "595.92 x 842.88 pts (A4)" in info
    sheet_text, key_text = _pdf_text(sheet), _pdf_text(key)
    questions = lesson_questions(path.stem, ds)
    assert questions
    for q in questions:
        assert _words(q.prompt) in sheet_text, (path.stem, q.id)
        assert _words(q.prompt) in key_text, (path.stem, q.id)
        assert _words(f"Answer: {q.answer_text()}") in key_text, (path.stem, q.id)
        assert _words(q.explanation) not in sheet_text, (path.stem, q.id)
    assert "Question to think about:" in sheet_text
    assert ds.dates_text in sheet_text
    # every chart is drawn with its "Facts up to" footer; the key has only its own footer
    assert sheet_text.count(ds.dates_text) >= 2 and key_text.count(ds.dates_text) == 1
    if shutil.which("pdftoppm"):
        ARTIFACTS.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(sheet),
                        str(ARTIFACTS / f"worksheet-{path.stem}")], check=True)
