"""A private, headless X server for clipboard tests.

    with xvfb_display() as display:          # ":N", a display number nobody else uses
        env = child_env(DISPLAY=display)

or, in a test module, `from tests.support.xvfb import xvfb  # noqa: F401` and take `xvfb` (the
DISPLAY string) as an argument.

Xvfb picks the free display number itself (`-displayfd`), so parallel test runs cannot collide,
and it writes the number only once it accepts connections, so no polling for readiness is
needed. Stopping the server also ends clipboard helpers (xclip, xsel) that were serving it.
"""

from __future__ import annotations

import os
import select
import subprocess
import tempfile
import time
from contextlib import contextmanager
from typing import Iterator

import pytest

from . import require_program, stop_process

__all__ = ["xvfb", "xvfb_display"]


@contextmanager
def xvfb_display(timeout: float = 10.0) -> Iterator[str]:
    """Start `Xvfb -nolisten tcp` on a free display; yield its DISPLAY (":N"); stop it after."""
    program = require_program("Xvfb")
    read_end, write_end = os.pipe()
    log = tempfile.TemporaryFile()
    try:
        server = subprocess.Popen(
            [program, "-displayfd", str(write_end), "-nolisten", "tcp",
             "-screen", "0", "1280x800x24"],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            pass_fds=(write_end,),
            start_new_session=True,
        )
    except BaseException:
        os.close(read_end)
        os.close(write_end)
        log.close()
        raise
    os.close(write_end)
    try:
        number = _read_display_number(read_end, server, timeout)
        if number is None:
            log.seek(0)
            output = log.read().decode("utf-8", "replace")
            raise RuntimeError(f"Xvfb did not start within {timeout:.0f} s:\n{output}")
        yield f":{number}"
    finally:
        os.close(read_end)
        stop_process(server)
        log.close()


def _read_display_number(fd: int, server: subprocess.Popen, timeout: float) -> str | None:
    """Read the display number Xvfb writes to `fd` (ends with a newline) before `timeout`."""
    deadline = time.monotonic() + timeout
    received = b""
    while not received.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or server.poll() is not None:
            return None
        ready, _, _ = select.select([fd], [], [], min(remaining, 0.2))
        if ready:
            chunk = os.read(fd, 64)
            if not chunk:
                return None
            received += chunk
    return received.decode().strip()


@pytest.fixture
def xvfb() -> Iterator[str]:
    """The DISPLAY of a private X server that lives for one test."""
    with xvfb_display() as display:
        yield display
