"""Start a real server process on a free loopback port for a test, and stop it afterwards."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running(command: list[str], ready_url: str, log_path: Path, timeout: float, env: dict | None = None):
    """Run `command` until `ready_url` answers (fail the test with its log if it exits or times out)."""
    with open(log_path, "w") as log:
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            deadline = time.time() + timeout
            while True:
                try:
                    urllib.request.urlopen(ready_url, timeout=5)
                    break
                except OSError:
                    if proc.poll() is not None:
                        pytest.fail(f"{command[2:4]} exited: {log_path.read_text()[-2000:]}")
                    if time.time() > deadline:
                        pytest.fail(f"{command[2:4]} did not answer {ready_url} in {timeout:.0f} s")
                    time.sleep(0.5)
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
