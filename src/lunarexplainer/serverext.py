"""Make widget replies reach the browser at once: TCP_NODELAY on kernel websockets.

Every control change in an explorer is a round trip: browser -> Jupyter server -> kernel and
back. The server writes the reply to the browser's websocket in small pieces, and with
Nagle's algorithm on (Tornado's default for a websocket) a piece waits for the browser's
delayed acknowledgement, which Linux holds for 40 ms. Measured on loopback in Voila, a
do-nothing widget round trip took about 45 ms that way and about 4 ms with no delay
(``make bench``: ``browser_roundtrip_floor_ms``). Tornado's own advice for websockets that send
many small messages is to call ``set_nodelay(True)`` once the connection is open; this module
does that for Jupyter's kernel websocket.

It is used three ways:

* as a Jupyter server extension, switched on for every Jupyter server in the environment by
  ``etc/jupyter/jupyter_server_config.d/lunarexplainer.json`` (installed with the package), so
  ``make lab``, JupyterHub and Binder get it;
* ``python -m lunarexplainer.serverext NOTEBOOK [voila options]`` starts Voila with it (Voila's
  own server does not load server extensions); ``make present`` uses this;
* :func:`enable_nodelay` directly, in any process that serves kernels.

As a server extension it also keeps Voila offline inside a Jupyter server (JupyterLab, a
JupyterHub user's server at ``/user/NAME/voila/…``): there Voila tells its page to load MathJax
from a CDN, because the server's settings name no ``mathjax_url``. The lessons use no maths,
so :func:`keep_voila_offline` sets none, as standalone Voila (``make present``) already does.
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["enable_nodelay", "keep_voila_offline", "main"]

_MARK = "_lunarexplainer_nodelay"


def enable_nodelay() -> bool:
    """Patch Jupyter's kernel websocket handler to send without delay; True if newly patched.

    Voila's handler is a subclass, so it is covered too. Safe to call more than once.
    """
    from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

    if getattr(KernelWebsocketHandler, _MARK, False):
        return False
    original = KernelWebsocketHandler.open

    async def open(self: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: A001 (Tornado's name)
        self.set_nodelay(True)
        return await original(self, *args, **kwargs)

    open.__doc__ = original.__doc__
    KernelWebsocketHandler.open = open  # type: ignore[method-assign]
    setattr(KernelWebsocketHandler, _MARK, True)
    return True


def keep_voila_offline(settings: dict[str, Any]) -> None:
    """No MathJax from a CDN in Voila pages served by a Jupyter server (``web_app.settings``).

    Voila's page config falls back to a CDN URL when the key is missing; ``None`` (what
    standalone Voila passes) makes its page leave MathJax out. A URL set by the admin stays.
    """
    settings.setdefault("mathjax_url", None)
    settings.setdefault("mathjax_config", None)


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "lunarexplainer.serverext"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    enable_nodelay()
    keep_voila_offline(serverapp.web_app.settings)
    serverapp.log.info("lunarexplainer: kernel websockets send without delay (TCP_NODELAY)")


def main(argv: list[str] | None = None) -> int:
    """Run Voila (same arguments as ``voila``) with kernel websockets sending at once."""
    from voila.app import main as voila_main

    enable_nodelay()
    sys.argv = ["voila", *(sys.argv[1:] if argv is None else argv)]
    voila_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
