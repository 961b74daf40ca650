"""Kernel websockets send at once (TCP_NODELAY): the server extension and the Voila launcher."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

from lunarexplainer import serverext

from harness import LabServer


@pytest.fixture
def unpatched(monkeypatch):
    """KernelWebsocketHandler with a stand-in open() and no patch mark (restored after)."""
    calls: list[str] = []

    async def open_stub(self, kernel_id):  # noqa: ANN001
        calls.append(f"open {kernel_id}")

    monkeypatch.setattr(KernelWebsocketHandler, "open", open_stub)
    monkeypatch.delattr(KernelWebsocketHandler, serverext._MARK, raising=False)
    return calls


def run(coro):  # noqa: ANN001, ANN201
    """Run a coroutine that never waits (the stand-in open), even inside a running loop."""
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    raise AssertionError("the coroutine waited for something")


class FakeHandler:
    def __init__(self, calls: list[str]) -> None:
        self.calls = calls

    def set_nodelay(self, value: bool) -> None:
        self.calls.append(f"set_nodelay {value}")


def test_patched_open_turns_off_nagle_before_the_kernel_connects(unpatched):
    assert serverext.enable_nodelay() is True
    assert serverext.enable_nodelay() is False  # once only, however often it is loaded
    run(KernelWebsocketHandler.open(FakeHandler(unpatched), "k1"))
    assert unpatched == ["set_nodelay True", "open k1"]


def test_voila_handler_inherits_it(unpatched):
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    serverext.enable_nodelay()
    assert "open" not in VoilaKernelWebsocketHandler.__dict__  # so the patched open is used
    run(VoilaKernelWebsocketHandler.open(FakeHandler(unpatched), "k2"))
    assert unpatched == ["set_nodelay True", "open k2"]


def test_every_jupyter_server_in_the_environment_enables_it():
    """The package installs etc/jupyter/jupyter_server_config.d/lunarexplainer.json."""
    jupyter = Path(sys.executable).parent / "jupyter"
    out = subprocess.run([str(jupyter), "server", "extension", "list"], capture_output=True,
                         text=True, timeout=120)
    text = out.stdout + out.stderr
    lines = [line for line in text.splitlines() if "lunarexplainer.serverext" in line]
    assert any("enabled" in line for line in lines), text
    assert any("OK" in line for line in lines), text


@pytest.mark.browser
def test_jupyterlab_loaded_it(jupyter_lab: LabServer):
    log = jupyter_lab.log_file.read_text(encoding="utf-8")
    assert "lunarexplainer: kernel websockets send without delay" in log, log[-2000:]
