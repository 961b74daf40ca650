"""The project's own setup: metadata, environment files, CLI, lint and committed notebooks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest

from harness import NOTEBOOKS
from harness import REPO

# conda-forge names that differ from PyPI names
CONDA_NAMES = {"kaleido": "python-kaleido"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0].lower()


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _environment_packages() -> dict[str, str]:
    """package name -> spec, from environment.yml: the conda list and the packages it installs
    with pip from PyPI (flat lists; no YAML library needed)."""
    specs = {}
    text = (REPO / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("dependencies:", 1)[1].splitlines():
        m = re.match(r"^  - ([A-Za-z0-9_.\-]+)(.*)$", line) or \
            re.match(r"^      - ([A-Za-z0-9_][A-Za-z0-9_.\-]*)(.*)$", line)
        if m:
            specs[m.group(1).lower()] = m.group(1) + m.group(2).strip()
    return specs


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = _pyproject()["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    wanted |= {_name(r) for r in project["optional-dependencies"]["test"]}
    wanted = {CONDA_NAMES.get(n, n) for n in wanted}
    have = set(_environment_packages()) - {"python", "pip"}
    assert sorted(wanted - have) == [], "in pyproject.toml but not in environment.yml"
    assert sorted(have - wanted) == [], "in environment.yml but not in pyproject.toml"


def test_environment_yml_uses_conda_forge_and_installs_the_package():
    text = (REPO / "environment.yml").read_text(encoding="utf-8")
    assert "- conda-forge" in text
    assert re.search(r"^\s+- -e \.$", text, re.M), "environment.yml must pip install -e ."


def test_environment_yml_floors_match_pyproject():
    project = _pyproject()["project"]
    floors = {}
    for req in project["dependencies"] + project["optional-dependencies"]["test"]:
        m = re.search(r">=([\d.]+)", req)
        if m:
            floors[CONDA_NAMES.get(_name(req), _name(req))] = m.group(1)
    env = _environment_packages()
    for name, floor in floors.items():
        assert env[name].endswith(f">={floor}"), f"{name}: {env[name]} vs >={floor}"


def test_wheel_includes_the_data_folder():
    cfg = _pyproject()["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert cfg.get("data") == "lunarexplainer/_data"


def test_console_script_help_works():
    exe = Path(sys.executable).with_name("lunarexplainer")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "lunarexplainer.cli"]
    out = subprocess.run(cmd + ["--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    for sub in ("check-data", "export", "present"):
        assert sub in out.stdout


def test_readme_quick_start_is_exactly_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", section, re.S)
    assert blocks, "README quick start has no command block"
    commands = [ln.strip() for ln in blocks[0].splitlines() if ln.strip()]
    assert commands == ["make lab", "make test"]


def test_ci_runs_the_readme_test_command_and_installs_chromium():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
    assert "apt-get install" in ci and "chromium" in ci


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path: Path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert not cell.outputs, f"cell {i} has outputs"
            assert cell.execution_count is None, f"cell {i} has an execution count"
        assert "execution" not in cell.get("metadata", {}), f"cell {i} has execution metadata"
    assert "widgets" not in nb.metadata, "saved widget state"


def test_ruff_is_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is not installed (it is in the test extra)")
    paths = [p for p in ("src", "tests", "benchmarks") if (REPO / p).exists()]
    out = subprocess.run([ruff, "check", *paths], cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_wheel_carries_compiled_catalogs_that_translate_with_their_plurals(tmp_path):
    """hatch_build.py compiles each .po into the wheel; the installed package reads the .mo."""
    import zipfile

    build = subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d",
                            str(tmp_path / "dist")], cwd=REPO, capture_output=True, text=True,
                           check=False)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("lunarexplainer-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "site-packages")
    for lang in ("en", "zh", "ru"):
        assert f"lunarexplainer/text/locale/{lang}/LC_MESSAGES/lunarexplainer.mo" in names
    assert not [n for n in names if n.endswith((".po", ".pot"))]
    from babel.messages.pofile import read_po

    with (REPO / "src/lunarexplainer/text/locale/ru/LC_MESSAGES/lunarexplainer.po").open(
            "rb") as handle:  # a plural message whose only field is {n}
        plural = next((m for m in read_po(handle, locale="ru")
                       if isinstance(m.id, tuple) and all(m.string)
                       and set(re.findall(r"{(\w+)}", "".join(m.string))) == {"n"}), None)
    if plural is None:
        pytest.skip("the Russian catalog has no plural message translated yet")
    code = ("from lunarexplainer.text import set_language, nt\n"
            "import lunarexplainer.text as text\n"
            "set_language('ru')\n"
            f"print(text.__file__)\n"
            f"print('|'.join(nt({plural.id[0]!r}, {plural.id[1]!r}, n) for n in (1, 3, 5)))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(tmp_path / "site-packages")},
                         cwd=tmp_path, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    where, said = run.stdout.strip().splitlines()
    assert where.startswith(str(tmp_path / "site-packages"))  # the wheel's copy, not src/
    # Russian's three forms: one (1), few (3), many (5)
    assert said == "|".join(form.replace("{n}", str(n))
                            for form, n in zip(plural.string, (1, 3, 5), strict=True))
