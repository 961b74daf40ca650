"""The built wheel ships the data as lunarexplainer/_data and loads it from any folder."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("hatchling is not installed (pip install hatchling): cannot build offline")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "--quiet", "-w", str(out), str(REPO)],
        check=True, capture_output=True, text=True, timeout=120,
    )
    (built,) = out.glob("lunarexplainer-*.whl")
    return built


def test_wheel_contains_the_data_and_the_dictionary(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (REPO / "data").glob("*.csv")}
    assert shipped, "data/ has no CSV files"
    for name in shipped | {"README.md"}:
        assert f"lunarexplainer/_data/{name}" in names
    assert "lunarexplainer/data.py" in names and "lunarexplainer/schemas.py" in names


def test_installed_wheel_loads_its_own_data_from_another_folder(wheel: Path,
                                                                tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
         "--target", str(site), str(wheel)],
        check=True, capture_output=True, text=True, timeout=120,
    )
    code = (
        "import sys, lunarexplainer\n"
        "from lunarexplainer import data\n"
        "ds = lunarexplainer.load_dataset()\n"
        "print(lunarexplainer.__file__)\n"
        "print(ds.path)\n"
        "print(len(ds.missions), ds.as_of_text)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("LUNAREXPLAINER_")}
    env.update(PYTHONPATH=str(site), XDG_CACHE_HOME=str(tmp_path / "cache"),
               PYTHONNOUSERSITE="1")
    run = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    module_file, data_path, summary = run.stdout.splitlines()
    assert Path(module_file).is_relative_to(site), "imported the checkout, not the wheel"
    assert Path(data_path) == site / "lunarexplainer" / "_data"
    assert int(summary.split()[0]) > 0
