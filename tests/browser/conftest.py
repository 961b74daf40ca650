"""Browser fixtures: Debian Chromium through Playwright, and a JupyterLab server."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness import CHROMIUM
from harness import CHROMIUM_ARGS
from harness import NOTEBOOKS
from harness import LabServer
from harness import free_port
from harness import guarded_env
from harness import jupyter_dirs
from harness import logged_page
from harness import notebook_paths
from harness import require_chromium
from harness import wait_for_http
from harness import write_lab_settings


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Debian Chromium driven by Playwright, headless, with background networking off."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser) -> Iterator:  # type: ignore[no-untyped-def]
    """A fresh page whose requests are logged; it must end clean (see RequestLog)."""
    with logged_page(browser, {"width": 1400, "height": 900}) as pg:
        yield pg


SITE_LANGUAGES = ["en", "zh", "ru"]


@pytest.fixture(scope="session")
def sites(tmp_path_factory) -> dict[str, tuple[Path, list]]:
    """The real lessons exported once per test run in every language, as ``make export``
    writes them (English at the top, ``zh/`` and ``ru/`` inside it, a language switch on
    every page): language -> ``(folder, lessons)``. Tests only read them."""
    from lunarexplainer.export import export_site

    require_chromium()
    assert notebook_paths(), "no lesson notebooks found in notebooks/"
    out = tmp_path_factory.mktemp("site") / "site"
    return {lang: (folder, export_site(folder, lang=lang, langs=SITE_LANGUAGES))
            for lang in SITE_LANGUAGES
            for folder in [out if lang == "en" else out / lang]}


@pytest.fixture(scope="session")
def site(sites) -> tuple[Path, list]:  # type: ignore[no-untyped-def]
    """The English site: ``(folder, lessons)``."""
    return sites["en"]


@pytest.fixture(scope="session")
def jupyter_lab(tmp_path_factory) -> Iterator[LabServer]:  # type: ignore[no-untyped-def]
    """JupyterLab on a free loopback port, serving a temporary copy of notebooks/."""
    require_chromium()
    base = tmp_path_factory.mktemp("lab")
    root = base / "root"
    shutil.copytree(NOTEBOOKS, root / "notebooks")
    netguard_log = base / "netguard.log"
    env = guarded_env(netguard_log, **jupyter_dirs(base))
    # JupyterLab's "new extension versions" check and news feed would call out; switch them off.
    Path(env["JUPYTER_CONFIG_DIR"], "jupyter_server_config.json").write_text(
        json.dumps({"LabApp": {"news_url": None, "check_for_updates_class":
                               "jupyterlab.NeverCheckForUpdate"}}),
        encoding="utf-8",
    )
    # Keep Lab's user settings and workspaces out of ~ and switch off the news prompt.
    env["JUPYTERLAB_SETTINGS_DIR"] = str(write_lab_settings(base / "lab-settings"))
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(base / "lab-workspaces")
    port = free_port()
    cmd = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip", "127.0.0.1",
        "--port", str(port), "--IdentityProvider.token=", "--ServerApp.password=",
        f"--ServerApp.root_dir={root}", "--LabApp.extension_manager=readonly",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log_file = base / "lab.log"
    with open(log_file, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{url}/api/status", timeout=90, proc=proc)
    except Exception as exc:
        proc.kill()
        pytest.fail(f"JupyterLab did not start: {exc}\n{log_file.read_text()[-3000:]}")
    yield LabServer(url=url, root=root, log_file=log_file, netguard_log=netguard_log)
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
