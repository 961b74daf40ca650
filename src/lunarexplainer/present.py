"""Presentation mode: the lessons served by Voila on this computer, code hidden, explorers live.

``lunarexplainer present [NOTEBOOK] [--port 8866]`` starts Voila on 127.0.0.1 with the
``lunarexplainer`` template (Voila's lab template minus its CDN stylesheet) and prints the URL
to open. The template's static folder carries the world topojson shipped with the package, so
Plotly maps draw with no internet connection. Ctrl-C stops the server and its kernels.

``--pool N`` is for a class opening one lesson at the same moment: Voila keeps N kernels per
lesson that have already run it (Voila's ``preheat_kernel`` with a pool of N), so a student's
page is sent at once instead of after a kernel starts and runs every cell, while the whole
class waits for the same two cores. The pool costs one kernel's memory per place and is
refilled in the background as students take kernels, so use it with one lesson
(``present 01_partnership --pool 30``): with the whole folder it keeps N kernels for every
lesson. ``make bench`` (``class_load``) measures both ways.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib import resources
from pathlib import Path

from . import site_extras
from . import site_text
from .text import t

__all__ = [
    "PRESENTER_FILES",
    "TEMPLATE_NAME",
    "install_template",
    "present_main",
    "prepare_jupyter_path",
    "resolve_target",
    "voila_command",
]

TEMPLATE_NAME = "lunarexplainer"
#: Presenter mode (one section per screen), the same files as on the static site.
PRESENTER_FILES = ("presenter.js", "presenter.css")


def _shipped_template() -> Path:
    return Path(str(resources.files("lunarexplainer") / "templates" / "voila" / TEMPLATE_NAME))


def prepare_jupyter_path(root: Path) -> Path:
    """Write a Jupyter data folder with our Voila template and its offline map assets.

    Returns ``root``; put it on ``JUPYTER_PATH`` so Voila finds ``--template=lunarexplainer``.
    """
    from .assets import TOPOJSON_NAME
    from .assets import topojson_path
    from .export import write_geo_assets

    template = Path(root) / "voila" / "templates" / TEMPLATE_NAME
    if template.exists():
        shutil.rmtree(template)
    shutil.copytree(_shipped_template(), template)
    static = template / "static"
    static.mkdir(exist_ok=True)
    shutil.copyfile(topojson_path(), static / f"{TOPOJSON_NAME}.json")
    write_geo_assets(static / "geo-assets.js")
    site_extras.write_assets(static)  # glossary words and the "How to use this page" note
    site_text.write_script_words(static / "lx-text.js")  # presenter mode's words
    web = Path(str(resources.files("lunarexplainer") / "templates" / "web"))
    for name in PRESENTER_FILES:  # the static site's presenter mode, shared
        shutil.copyfile(web / name, static / name)
    return Path(root)


def install_template(data_dir: str | None = None) -> int:
    """CLI entry: put our Voila template in a Jupyter data folder; return an exit code.

    The default is this environment's ``share/jupyter``, which every Jupyter server in it
    searches. Voila inside JupyterLab or a hub user's server then uses it with
    ``--VoilaConfiguration.template=lunarexplainer`` (a server option: see README).
    """
    root = Path(data_dir) if data_dir else Path(sys.prefix) / "share" / "jupyter"
    prepare_jupyter_path(root)
    print(t("installed the {template} Voila template in {folder}", template=TEMPLATE_NAME,
            folder=root / "voila" / "templates"))
    return 0


def resolve_target(notebook: str | None, notebooks_dir: Path) -> Path:
    """The notebook (by path, file name or stem) or the whole notebooks folder."""
    if notebook is None:
        return notebooks_dir
    names = (Path(notebook), notebooks_dir / notebook, notebooks_dir / f"{notebook}.ipynb")
    for candidate in names:
        if candidate.is_file():
            return candidate.resolve()
    raise FileNotFoundError(t("no notebook {notebook} (looked in {folder})",
                              notebook=repr(notebook), folder=notebooks_dir))


def voila_command(target: Path, port: int, pool: int = 0) -> list[str]:
    """The Voila command line for ``target`` on 127.0.0.1:``port``.

    ``pool`` > 0 keeps that many kernels per notebook that have already run it.
    """
    return [
        sys.executable, "-m", "lunarexplainer.serverext", str(target),  # Voila, no send delay
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        f"--template={TEMPLATE_NAME}",
        "--theme=light",
        "--strip_sources=True",
        "--show_tracebacks=True",
        r"--VoilaConfiguration.file_allowlist=.*\.(png|jpg|gif|svg|json|csv)",
        *preheat_options(pool),
        # the glossary marks and Voila's own "How to use this page" (lunarexplainer.site_extras)
        "--VoilaExporter.preprocessors="
        + json.dumps([f"{p.__module__}.{p.__name__}" for p in site_extras.VOILA_PREPROCESSORS]),
    ]


def preheat_options(pool: int) -> list[str]:
    """Voila options for a pool of ``pool`` kernels per notebook that have run it already."""
    if pool <= 0:
        return []
    return ["--preheat_kernel=True", f"--pool_size={pool}",
            # Refill a taken place after the class's first wave, not during it.
            "--VoilaKernelManager.fill_delay=5"]


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _wait_until_up(url: str, proc: subprocess.Popen, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return True
        except OSError:
            time.sleep(0.3)
    return False


def _stop(proc: subprocess.Popen) -> None:
    """Ask Voila to shut down (SIGTERM: it stops its kernels too), then insist."""
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _raise_keyboard_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def present_main(notebook: str | None = None, port: int = 8866, pool: int = 0,
                 lang: str | None = None) -> int:
    """CLI entry: serve the lessons of ``lang`` (default: the current language) with Voila
    until Ctrl-C, saying what it does in that language; return an exit code."""
    from .text import in_language

    with in_language(lang):
        return _present(notebook, port, pool)


def _present(notebook: str | None, port: int, pool: int) -> int:
    from .export import lesson_folder
    from .text import LANG_ENV
    from .text import current_language

    lang = current_language()
    folder = lesson_folder()
    try:
        target = resolve_target(notebook, folder)
    except FileNotFoundError as exc:
        print(t("present: {error}", error=exc), file=sys.stderr)
        return 1
    if not _port_free(port):
        print(t("present: port {port} is in use; try --port {other}", port=port,
                other=port + 1), file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="lunarexplainer-voila-") as tmp:
        root = prepare_jupyter_path(Path(tmp))
        env = os.environ.copy()
        env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(root), env.get("JUPYTER_PATH")) if p)
        env[LANG_ENV] = lang  # the kernels' language (a translated lesson also sets it)
        # Voila gets its own process group: Ctrl-C reaches only us, and we stop it cleanly.
        proc = subprocess.Popen(voila_command(target, port, pool), env=env, start_new_session=True,
                                cwd=target if target.is_dir() else target.parent)
        url = f"http://127.0.0.1:{port}/"
        previous = signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
        try:
            if not _wait_until_up(url, proc):
                _stop(proc)
                print(t("present: Voila did not start (see the messages above)"),
                      file=sys.stderr)
                return 1
            if target.is_file():
                message = t("Presenting {notebook}: open {url} in a browser. Press Ctrl-C to "
                            "stop.", notebook=target.name, url=url)
            else:
                message = t("Presenting all lessons: open {url} in a browser. Press Ctrl-C to "
                            "stop.", url=url)
            print(f"\n{message}\n", flush=True)
            return proc.wait()
        except KeyboardInterrupt:
            print("\n" + t("Stopping the presentation server …"), flush=True)
            _stop(proc)
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)
            if proc.poll() is None:
                _stop(proc)
