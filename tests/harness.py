"""Shared test helpers: network guard, notebook runner, Chromium and JupyterLab.

The fixtures that use them live in the conftest of each test folder: ``run_notebook`` in
``tests/conftest.py`` (every folder runs notebooks), ``browser``, ``page`` and ``jupyter_lab``
in ``tests/browser/conftest.py``.

- ``run_notebook(path)`` executes a notebook on a fresh kernel (cwd ``notebooks/``, errors fail,
  no widget state stored) with a kernel-side socket guard that allows loopback only.
- ``browser`` / ``page`` drive Debian's Chromium through Playwright. Every page records its
  requests; a non-local request, a page error or an unexplained console error fails the test.
- ``jupyter_lab`` serves a copy of the notebooks with JupyterLab on a free 127.0.0.1 port.

Browser tests are marked ``browser``. Without /usr/bin/chromium they skip with one line, except
when ``CI=true``, where they fail.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
ARTIFACTS = REPO / "test-artifacts"
NETGUARD_DIR = Path(__file__).resolve().parent / "netguard"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() == "true"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome-error"}


# --------------------------------------------------------------------------- network guard


def guarded_env(log_file: Path, **extra: str) -> dict[str, str]:
    """Environment for a child process whose Python sockets may reach loopback only."""
    env = os.environ.copy()
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(NETGUARD_DIR), env.get("PYTHONPATH", "")) if p
    )
    env["LUNAREXPLAINER_NETGUARD"] = "1"
    env["LUNAREXPLAINER_NETGUARD_LOG"] = str(log_file)
    env.update(extra)
    return env


def blocked_attempts(log_file: Path) -> list[str]:
    """Network attempts the guard refused (empty when the log does not exist)."""
    if not log_file.exists():
        return []
    return [line for line in log_file.read_text(encoding="utf-8").splitlines() if line]


# --------------------------------------------------------------------------- notebooks


def notebook_paths() -> list[Path]:
    """The lesson notebooks, in order."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


#: The translated lessons' languages, and a character class of each one's script.
TRANSLATED_SCRIPTS = {"zh": r"[\u4e00-\u9fff]", "ru": r"[А-Яа-яЁё]"}


def translated_paths() -> list[Path]:
    """Every translated lesson (``notebooks/zh/``, ``notebooks/ru/``), in order."""
    return [p for lang in TRANSLATED_SCRIPTS
            for p in sorted((NOTEBOOKS / lang).glob("[0-9][0-9]_*.ipynb"))]


def widget_outputs(nb: nbformat.NotebookNode) -> list[dict]:
    """Every output that shows a live widget (explorers, quizzes), as its whole data bundle."""
    return [out.get("data", {}) for cell in nb.cells for out in cell.get("outputs", [])
            if "application/vnd.jupyter.widget-view+json" in out.get("data", {})]


def plotly_outputs(nb: nbformat.NotebookNode) -> list[dict]:
    """Every Plotly figure a notebook displayed (plain figures and explorers' static forms)."""
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "application/vnd.plotly.v1+json" in data:
                found.append(data["application/vnd.plotly.v1+json"])
    return found




def execute_offline(path: Path, workdir: Path, timeout: int = 180,
                    **env_extra: str) -> nbformat.NotebookNode:
    """Run ``path`` on a fresh kernel (cwd its folder, errors fail, no widget state) with the
    socket guard; fail the test if the kernel tried to reach the network."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    log = workdir / f"netguard-{path.stem}.log"
    ipython_dir = workdir / "ipython"
    ipython_dir.mkdir(exist_ok=True)
    env = guarded_env(log, IPYTHONDIR=str(ipython_dir), **env_extra)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            store_widget_state=False, allow_errors=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute(env=env)
    attempts = blocked_attempts(log)
    if attempts:
        pytest.fail(f"{path.name} tried to reach the network: {attempts}")
    return nb


# --------------------------------------------------------------------------- browser


def require_chromium() -> None:
    """Skip (fail in CI) when Debian's Chromium is not installed."""
    if Path(CHROMIUM).exists():
        return
    reason = "browser test needs Debian chromium at /usr/bin/chromium (apt-get install chromium)"
    if IN_CI:
        pytest.fail(reason + "; CI must install it (see .ci/run)")
    pytest.skip(reason)


def is_local_url(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in LOCAL_SCHEMES:
        return True
    return parsed.scheme in {"http", "https", "ws", "wss"} and parsed.hostname in LOCAL_HOSTS


@dataclass
class RequestLog:
    """What a page asked for and what went wrong on it."""

    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    explained: list[tuple[re.Pattern[str], str]] = field(default_factory=list)

    def attach(self, page) -> None:  # type: ignore[no-untyped-def]
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on(
            "console",
            lambda m: self.console_errors.append(m.text) if m.type == "error" else None,
        )

    def explain(self, pattern: str, why: str) -> None:
        """Accept console errors matching ``pattern``, for the reason given."""
        self.explained.append((re.compile(pattern), why))

    def non_local(self) -> list[str]:
        return [u for u in self.requests if not is_local_url(u)]

    def unexplained_console_errors(self) -> list[str]:
        return [
            text
            for text in self.console_errors
            if not any(p.search(text) for p, _ in self.explained)
        ]

    def problems(self) -> list[str]:
        out = [f"non-local request: {u}" for u in self.non_local()]
        out += [f"page error: {e}" for e in self.page_errors]
        out += [f"console error: {e}" for e in self.unexplained_console_errors()]
        return out

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "page was not clean:\n" + "\n".join(problems)






def screenshot(pg, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Save a full-page screenshot under test-artifacts/ (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


def world_map_shapes(pg, plots: str) -> list[int]:  # type: ignore[no-untyped-def]
    """For each world map among the ``plots`` elements: how many country shapes it drew."""
    return pg.evaluate(
        f"() => [...document.querySelectorAll('{plots}')].filter(el => (el.data || [])"
        ".some(t => t.type === 'choropleth' || t.type === 'scattergeo'))"
        ".map(el => el.querySelectorAll('.geo .countries path, .geo .land path').length)"
    )


# --------------------------------------------------------------------------- JupyterLab


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, timeout: float, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:  # noqa: S310 (loopback only)
                if resp.status < 500:
                    return
        except OSError:
            time.sleep(0.25)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


@dataclass
class LabServer:
    url: str
    root: Path
    log_file: Path
    netguard_log: Path

    def notebook_url(self, name: str) -> str:
        """A fresh workspace on one notebook, so Lab does not restore an old layout."""
        return f"{self.url}/lab/workspaces/t{uuid.uuid4().hex[:8]}/tree/notebooks/{name}?reset"


def jupyter_dirs(base: Path) -> dict[str, str]:
    dirs = {}
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        d = base / var.lower()
        d.mkdir(parents=True, exist_ok=True)
        dirs[var] = str(d)
    return dirs




@contextmanager
def logged_page(browser, viewport: dict[str, int]) -> Iterator:  # type: ignore[no-untyped-def]
    """A fresh page of ``viewport`` whose requests are logged (``page.request_log``); it must
    end clean (see RequestLog)."""
    context = browser.new_context(viewport=viewport)
    pg = context.new_page()
    log = RequestLog()
    log.attach(pg)
    pg.request_log = log
    yield pg
    context.close()
    log.assert_clean()


def write_lab_settings(settings: Path) -> Path:
    """JupyterLab user settings for a test server, in ``settings`` (JUPYTERLAB_SETTINGS_DIR).

    The news feed and update check are off (they would call out). A notebook starts its
    preferred kernel itself: on a freshly opened notebook Lab 4.6 sometimes asks "Select
    Kernel" although the notebook names python3 (a race at open), and the answer a student
    gives there, Select, is what this setting does without asking.
    """
    for name, values in {
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
        "notebook-extension/tracker": {"autoStartDefaultKernel": True},
    }.items():
        path = settings / "@jupyterlab" / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    return settings


def lab_run_all(pg, lab: LabServer, name: str, timeout_ms: int = 120_000) -> None:  # type: ignore[no-untyped-def]
    """Open a notebook in Lab, wait for its kernel, and run every cell through the Run menu."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    pg.goto(lab.notebook_url(name))
    pg.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=timeout_ms)
    wait_kernel_idle(pg, timeout_ms)
    accept_kernel_dialog(pg)
    _menu_run_all(pg)
    # Every code cell gets an execution count once it has run; none may be left "[*]".
    deadline = time.monotonic() + timeout_ms / 1000
    last_run, retries = time.monotonic(), 0
    while True:
        try:
            pg.wait_for_function(
                """() => {
                    const prompts = [...document.querySelectorAll(
                        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt')];
                    return prompts.length > 0
                        && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
                }""",
                timeout=2_000,
            )
            break
        except PlaywrightTimeoutError:
            if accept_kernel_dialog(pg):  # it blocked Run All: run again
                wait_kernel_idle(pg, timeout_ms)
                _menu_run_all(pg)
                last_run = time.monotonic()
            elif retries < 2 and time.monotonic() - last_run > 8 and _stalled(pg):
                # Run All sent while Lab was still (re)connecting the kernel is dropped, in
                # whole or after its first cells: prompts are left "[ ]", none is running
                # and the kernel is idle. Ask again (the lessons can run twice).
                retries += 1
                wait_kernel_idle(pg, timeout_ms)
                _menu_run_all(pg)
                last_run = time.monotonic()
            elif time.monotonic() > deadline:
                state = pg.evaluate(
                    """() => ({prompts: [...document.querySelectorAll(
                        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt')]
                        .map(p => p.textContent),
                        dialogs: [...document.querySelectorAll('.jp-Dialog')].map(d => d.innerText),
                        kernel: (document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) '
                            + '.jp-KernelName') || {}).textContent})""")
                raise TimeoutError(f"{name}: Run All did not finish: {state}") from None
    wait_kernel_idle(pg, timeout_ms)


def _stalled(pg) -> bool:  # type: ignore[no-untyped-def]
    """Some cells never ran, none is running or waiting, and the kernel is idle."""
    return pg.evaluate(
        """() => {
            const panel = '.jp-NotebookPanel:not(.lm-mod-hidden) ';
            const prompts = [...document.querySelectorAll(panel
                + '.jp-CodeCell .jp-InputArea-prompt')].map(p => p.textContent);
            const status = document.querySelector(panel + '.jp-Notebook-ExecutionIndicator');
            return prompts.some(p => /\\[ \\]/.test(p))
                && !prompts.some(p => /\\[\\*\\]/.test(p))
                && status && status.getAttribute('data-status') === 'idle';
        }""")


def _menu_run_all(pg) -> None:  # type: ignore[no-untyped-def]
    pg.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    pg.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()


def accept_kernel_dialog(pg) -> bool:  # type: ignore[no-untyped-def]
    """Click "Select" if Lab asks which kernel to use; True when it asked.

    On a freshly opened notebook Lab sometimes shows "Select Kernel" although the notebook
    names python3 and the kernel is already up (a race at open seen with Lab 4.6). A student
    would click Select, which keeps the suggested Python 3 kernel.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    dialog = pg.locator(".jp-Dialog", has_text="Select Kernel")
    if not (dialog.count() and dialog.first.is_visible()):
        return False
    for _ in range(3):  # the click can land while the dialog is still opening
        try:
            dialog.first.locator(".jp-mod-accept").click(timeout=5_000)
            dialog.first.wait_for(state="detached", timeout=5_000)
            return True
        except PlaywrightTimeoutError:
            if not dialog.count():
                return True
    dialog.first.wait_for(state="detached", timeout=10_000)
    return True


def wait_kernel_idle(pg, timeout_ms: int) -> None:  # type: ignore[no-untyped-def]
    pg.wait_for_function(
        """() => {
            const el = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) '
                + '.jp-Notebook-ExecutionIndicator');
            return el && el.getAttribute('data-status') === 'idle';
        }""",
        timeout=timeout_ms,
    )


def lab_output_errors(pg) -> list[str]:  # type: ignore[no-untyped-def]
    """Tracebacks shown in the notebook's outputs."""
    return pg.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
                      ).all_inner_texts()


# --------------------------------------------------------------------------- live explorers

#: What an explorer's plot shows: its traces and layout as plotly.js holds them.
PLOT_STATE = "el => JSON.stringify([el.data, el.layout])"
EXPLORER_BOX = ".lunarexplainer-explorer"
CONTROLS = (".widget-dropdown, .widget-select-multiple, .widget-toggle-buttons, "
            ".widget-hslider")
#: The button of a control bar that shows more controls (the timeline's lists).
MORE = ".lunarexplainer-more"


@dataclass
class PageBytes:
    """Bytes that reached a page, from Chromium's network events (CDP), by kind and by URL.

    ``http`` counts bytes on the wire (``encodedDataLength``: compressed size plus headers) for
    every loaded http(s) resource; ``websocket`` counts the payload of every received frame.
    """

    http: dict[str, int] = field(default_factory=dict)
    websocket: int = 0
    frames: list[int] = field(default_factory=list)
    _urls: dict[str, str] = field(default_factory=dict)

    def attach(self, context, pg) -> None:  # type: ignore[no-untyped-def]
        cdp = context.new_cdp_session(pg)
        cdp.send("Network.enable")
        cdp.on("Network.requestWillBeSent",
               lambda e: self._urls.__setitem__(e["requestId"], e["request"]["url"]))
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.webSocketFrameReceived", self._frame)

    def _finished(self, event: dict) -> None:
        url = self._urls.get(event["requestId"], "")
        if url.startswith(("http:", "https:")):
            self.http[url] = self.http.get(url, 0) + int(event["encodedDataLength"])

    def _frame(self, event: dict) -> None:
        size = len(event["response"]["payloadData"].encode("utf-8"))
        self.websocket += size
        self.frames.append(size)

    def total(self) -> int:
        return sum(self.http.values()) + self.websocket


def explorer_boxes(pg) -> list:  # type: ignore[no-untyped-def]
    """Every explorer on the page, in page order (Lab: in the visible notebook only)."""
    return pg.locator(f".jp-NotebookPanel:not(.lm-mod-hidden) {EXPLORER_BOX}, "
                      f"#rendered_cells {EXPLORER_BOX}").all()


def _change(control):  # type: ignore[no-untyped-def]
    """Change one control as a student would; return what was done and how to undo it."""
    classes = control.get_attribute("class") or ""
    if "widget-toggle-buttons" in classes:
        buttons = control.locator("button")
        active = buttons.evaluate_all("bs => bs.findIndex(b => b.classList.contains('mod-active'))")
        button = control.locator("button:not(.mod-active)").first
        label = button.inner_text()
        button.click()
        return f"toggle {label!r}", buttons.nth(active).click
    if "widget-hslider" in classes:
        handle = control.locator(".noUi-handle").last  # the upper one of a range

        def step(key: str) -> None:
            handle.focus()
            for _ in range(3):
                handle.press(key)

        step("ArrowLeft")
        return "slider 3 steps left", lambda: step("ArrowRight")
    select = control.locator("select")
    options = select.evaluate("s => [...s.options].map(o => o.value)")
    chosen = select.evaluate("s => [...s.selectedOptions].map(o => o.value)")
    if "widget-select-multiple" in classes:
        new = chosen[:1] if len(chosen) > 1 else [o for o in options if o not in chosen][:1]
    else:
        new = [next(o for o in reversed(options) if o not in chosen)]
    select.select_option(new)
    return f"select {new}", lambda: select.select_option(chosen)


def change_each_control(pg, box, timeout_ms: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Change every control of one explorer in turn, wait for its plot to change, change it back.

    Each control is put back (and the plot must change again) before the next one, so every
    change is made from the explorer's opening state. Returns the changes the plot did not
    show within ``timeout_ms``: empty when the explorer answered every one.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    plot = box.locator(".js-plotly-plot").first.element_handle()
    missed = []
    for control in box.locator(CONTROLS).all():
        more = box.locator(MORE)
        if not control.is_visible() and more.count():
            more.click()  # the lists a button of the control bar shows
            control.wait_for(state="visible")
        control.scroll_into_view_if_needed()
        before = plot.evaluate(PLOT_STATE)
        what, undo = _change(control)
        for step in (what, f"{what}, undone"):
            try:
                pg.wait_for_function(f"([el, before]) => ({PLOT_STATE})(el) !== before",
                                     arg=[plot, before], timeout=timeout_ms)
            except PlaywrightTimeoutError:
                missed.append(step)
            if step == what:
                before = plot.evaluate(PLOT_STATE)
                undo()
    return missed


@contextmanager
def present_server(base: Path, *options: str) -> Iterator[tuple[str, Path]]:
    """`lunarexplainer present [options]` on a free port with the network guarded; stopped
    with Ctrl-C.

    Yields the server's URL and the kernel-side network guard's log.
    """
    log = base / "netguard.log"
    env = guarded_env(log, **jupyter_dirs(base))
    port = free_port()
    cmd = [sys.executable, "-c", "from lunarexplainer.cli import main; raise SystemExit(main())",
           "present", "--port", str(port), *options]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, cwd=base)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_for_http(url + "/", timeout=90, proc=proc)
        except Exception as exc:
            pytest.fail(f"presentation server did not start: {exc}")
        yield url, log
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
