"""A real JupyterHub on 127.0.0.1: two students log in and run lesson 01 in Lab and in Voila.

The hub is the one a school would run, cut down to this machine: ``jupyterhub`` from PyPI,
its proxy ``configurable-http-proxy`` from npm (``node_modules/.bin``, installed by the same
``npm ci`` step as axe-core), ``DummyAuthenticator`` (any password) and
``SimpleLocalProcessSpawner`` (no system users; each student's home is a temporary folder
holding a copy of ``notebooks/``). Every single-user server lives under ``/user/NAME/``, so
this proves that everything the package serves respects the server's base URL.

For each student: lesson 01 opened in Lab under ``/user/NAME/lab/…`` and run through the menu,
and the same lesson through Voila under ``/user/NAME/voila/render/…``. In both, the charts
draw (the world map with its land), every explorer answers a control, and no request leaves
the machine (Chromium's requests, and the kernels' and servers' sockets through the guard).
Without JupyterHub or the proxy the tests skip with one line; under ``CI=true`` they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from lunarexplainer import present

from harness import IN_CI
from harness import NOTEBOOKS
from harness import REPO
from harness import LabServer
from harness import RequestLog
from harness import blocked_attempts
from harness import free_port
from harness import guarded_env
from harness import jupyter_dirs
from harness import lab_output_errors
from harness import lab_run_all
from harness import require_chromium
from harness import screenshot
from harness import wait_for_http
from harness import world_map_shapes
from harness import write_lab_settings

pytestmark = pytest.mark.browser

PROXY = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
STUDENTS = ("student1", "student2")
LESSON = "01_partnership.ipynb"
PASSWORD = "any-password"  # DummyAuthenticator takes any password
STATE = "el => JSON.stringify([el.data, ((el.layout || {}).title || {}).text])"


def require_hub() -> None:
    """Skip (fail in CI) when JupyterHub or its proxy is missing."""
    missing = []
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        missing.append("pip jupyterhub (the test extra)")
    if not PROXY.exists():
        missing.append("npm configurable-http-proxy (`npm ci`, as `make test` runs)")
    if not missing:
        return
    reason = "hub test needs " + " and ".join(missing)
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


@dataclass
class Hub:
    url: str
    base: Path
    log_file: Path
    netguard_log: Path

    def home(self, user: str) -> Path:
        return self.base / "home" / user

    def lab(self, user: str) -> LabServer:
        """The student's own server, seen like a Lab server (its root is the student's home)."""
        return LabServer(url=f"{self.url}/user/{user}", root=self.home(user),
                         log_file=self.log_file, netguard_log=self.netguard_log)


HUB_CONFIG = """\
import json
settings = json.loads({settings!r})
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = settings["port"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings["hub_port"]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{{settings['proxy_api_port']}}"
c.ConfigurableHTTPProxy.command = [settings["proxy"]]
c.ConfigurableHTTPProxy.pid_file = settings["base"] + "/proxy.pid"
c.JupyterHub.db_url = "sqlite:///" + settings["base"] + "/hub.sqlite"
c.JupyterHub.cookie_secret_file = settings["base"] + "/cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = settings["base"] + "/home/{{username}}"
c.Spawner.default_url = "/lab"
c.Spawner.cmd = [settings["python"], "-m", "jupyterhub.singleuser"]
c.Spawner.args = settings["args"]
c.Spawner.environment = settings["env"]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
"""


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> Iterator[Hub]:  # type: ignore[no-untyped-def]
    """JupyterHub with two students whose homes hold a copy of the lessons."""
    require_chromium()
    require_hub()
    base = tmp_path_factory.mktemp("hub")
    for user in STUDENTS:
        shutil.copytree(NOTEBOOKS, base / "home" / user / "notebooks")
    netguard_log = base / "netguard.log"
    dirs = jupyter_dirs(base)
    # Lab's news feed and update check would call out; switch them off for every student.
    Path(dirs["JUPYTER_CONFIG_DIR"], "jupyter_server_config.json").write_text(
        json.dumps({"LabApp": {"news_url": None, "check_for_updates_class":
                               "jupyterlab.NeverCheckForUpdate"}}), encoding="utf-8")
    write_lab_settings(base / "lab-settings")
    # Voila inside each student's server uses our template (no CDN stylesheet, offline maps),
    # installed the way README tells a school to (here into a data folder of its own).
    jupyter_path = base / "jupyter-path"
    assert present.install_template(str(jupyter_path)) == 0
    env = guarded_env(netguard_log, **dirs)
    user_env = {key: env[key] for key in ("PYTHONPATH", "LUNAREXPLAINER_NETGUARD",
                                          "LUNAREXPLAINER_NETGUARD_LOG", *dirs)}
    user_env.update(JUPYTER_PATH=str(jupyter_path),
                    JUPYTERLAB_SETTINGS_DIR=str(base / "lab-settings"),
                    JUPYTERLAB_WORKSPACES_DIR=str(base / "lab-workspaces"))
    args = [f"--VoilaConfiguration.template={present.TEMPLATE_NAME}",
            "--VoilaConfiguration.strip_sources=True",
            "--LabApp.extension_manager=readonly"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    port = free_port()
    settings = {"port": port, "hub_port": free_port(), "proxy_api_port": free_port(),
                "proxy": str(PROXY), "base": str(base), "python": sys.executable,
                "args": args, "env": user_env}
    config = base / "jupyterhub_config.py"
    config.write_text(HUB_CONFIG.format(settings=json.dumps(settings)), encoding="utf-8")
    log_file = base / "hub.log"
    with open(log_file, "w", encoding="utf-8") as log:
        proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)],
                                env=env, stdout=log, stderr=subprocess.STDOUT, cwd=base)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{url}/hub/api", timeout=90, proc=proc)
    except Exception as exc:
        proc.kill()
        pytest.fail(f"JupyterHub did not start: {exc}\n{log_file.read_text()[-3000:]}")
    yield Hub(url=url, base=base, log_file=log_file, netguard_log=netguard_log)
    proc.send_signal(signal.SIGTERM)  # the hub stops the students' servers and its proxy
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()


def log_in(browser, hub: Hub, user: str):  # type: ignore[no-untyped-def]
    """A student's own browser (own cookies), logged in and with their server started."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    log = RequestLog()
    log.attach(pg)
    pg.request_log = log  # type: ignore[attr-defined]
    pg.goto(f"{hub.url}/hub/login", timeout=60_000)
    pg.fill("#username_input", user)
    pg.fill("#password_input", PASSWORD)
    pg.click("#login_submit")
    # The hub starts the student's server and sends the browser to it.
    pg.wait_for_url(f"**/user/{user}/lab**", timeout=150_000)
    return context, pg


def wait_for_charts(pg, scope: str, n: int) -> None:  # type: ignore[no-untyped-def]
    """Wait until ``n`` charts are drawn in ``scope``, one of them an explorer's."""
    pg.wait_for_function(
        f"""() => [...document.querySelectorAll('{scope} .js-plotly-plot')]
            .filter(el => el.querySelector('.main-svg')).length >= {n}
            && document.querySelector(
                '{scope} .lunarexplainer-explorer .js-plotly-plot .main-svg')""",
        timeout=120_000)


def explorers_answer(pg, scope: str) -> int:  # type: ignore[no-untyped-def]
    """Change the first drop-down of every explorer in ``scope``; each plot must change."""
    boxes = pg.locator(f"{scope} .lunarexplainer-explorer")
    for i in range(boxes.count()):
        box = boxes.nth(i)
        box.scroll_into_view_if_needed()
        plot = box.locator(".js-plotly-plot").element_handle()
        try:  # a map takes a moment to draw, longer on a busy machine
            pg.wait_for_function("el => ((el.layout || {}).title || {}).text", arg=plot,
                                 timeout=90_000)
        except Exception:  # noqa: BLE001 (a screenshot says what the student saw)
            screenshot(pg, "hub-explorer-not-drawn")
            raise
        before = plot.evaluate(STATE)
        select = box.locator(".widget-dropdown select").first
        options = select.evaluate("s => [...s.options].map(o => o.value)")
        current = select.evaluate("s => s.value")
        select.select_option(next(o for o in reversed(options) if o != current))
        pg.wait_for_function(f"([el, before]) => ({STATE})(el) !== before",
                             arg=[plot, before], timeout=15_000)
    return boxes.count()


def assert_world_map_has_land(pg, scope: str) -> None:  # type: ignore[no-untyped-def]
    shapes = world_map_shapes(pg, f"{scope} .js-plotly-plot")
    assert shapes and all(n > 0 for n in shapes), f"a world map is blank: {shapes}"


@pytest.mark.parametrize("user", STUDENTS)
def test_student_runs_lesson_01_in_lab_and_voila_on_the_hub(hub, browser, user):
    context, pg = log_in(browser, hub, user)
    log = pg.request_log
    try:
        # Lab under /user/NAME/lab/…, run through the menu as the student would.
        lab = hub.lab(user)
        lab_run_all(pg, lab, LESSON)
        panel = ".jp-NotebookPanel:not(.lm-mod-hidden)"
        assert f"/user/{user}/lab/" in pg.url
        assert lab_output_errors(pg) == []
        wait_for_charts(pg, panel, 3)
        assert explorers_answer(pg, panel) == 1
        assert_world_map_has_land(pg, panel)
        screenshot(pg, f"hub-lab-{user}")

        # The same lesson through Voila inside the student's own server.
        log.explain(r"version|semver|Failed to load resource.*favicon", "extension version noise")
        # Leaving Lab cancels its pending debugger-state request to the kernel.
        log.explain(r"Could not restore the debugger state: Canceled future",
                    "Lab left for Voila while it asked the kernel for debugger state")
        pg.goto(f"{hub.url}/user/{user}/voila/render/notebooks/{LESSON}", timeout=150_000)
        pg.wait_for_selector("#rendered_cells", state="visible", timeout=150_000)
        wait_for_charts(pg, "#rendered_cells", 3)
        text = pg.locator("#rendered_cells").inner_text()
        assert "Traceback" not in text and "Before you start" not in text
        assert explorers_answer(pg, "#rendered_cells") == 1
        assert_world_map_has_land(pg, "#rendered_cells")
        pg.set_viewport_size({"width": 1400, "height": 4000})
        screenshot(pg, f"hub-voila-{user}")
    finally:
        context.close()
    # jupyterlab-plotly's renderer caches a PNG with model.setData(), which Voila's output
    # model lacks; the chart itself is drawn (checked above). Known and harmless.
    log.page_errors = [e for e in log.page_errors if "setData is not a function" not in e]
    log.assert_clean()
    assert all(u.startswith(hub.url) or not u.startswith("http") for u in log.requests)
    assert blocked_attempts(hub.netguard_log) == []
    assert "Traceback" not in hub.log_file.read_text(encoding="utf-8")
