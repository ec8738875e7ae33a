"""Headless Chromium for the writer tests: load a page, let its scripts run, read the DOM."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)

# The flags keep a sandboxed, offline machine from stalling the browser (no network, root).
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
)


def dump_dom(page: Path, profile: Path, *, budget_ms: int = 10000) -> tuple[str, str]:
    """The DOM after the page's scripts ran (``--dump-dom``), and what Chromium logged."""
    assert CHROMIUM is not None
    result = subprocess.run(
        [
            CHROMIUM,
            *_FLAGS,
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            f"--virtual-time-budget={budget_ms}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return result.stdout.decode("utf-8"), result.stderr.decode("utf-8", "replace")


def screenshot(page: Path, image: Path, profile: Path, *, width: int, height: int) -> None:
    """A PNG of the page as Chromium renders it."""
    assert CHROMIUM is not None
    subprocess.run(
        [
            CHROMIUM,
            *_FLAGS,
            f"--user-data-dir={profile}",
            "--hide-scrollbars",
            f"--window-size={width},{height}",
            f"--screenshot={image}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
