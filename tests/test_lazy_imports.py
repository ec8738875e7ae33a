"""Heavy third-party libraries load only when their format is used (issue #12 item 3).

Importing the reader and writer registries must not import fpdf2, python-docx, odfpy,
pysubs2 or fontTools (together most of a second of start-up); writing PDF, DOCX, ODT, ASS
and TTML, and reading ASS and TTML, must still work, loading them on demand. Each check runs
in a fresh interpreter: this test process has long since imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import cuecraft

HEAVY = ("fpdf", "docx", "odf", "pysubs2", "fontTools")

_SCRIPT = """
import json, sys
import cuecraft.readers, cuecraft.writers
report = {"after_import": sorted(m for m in %(heavy)r if m in sys.modules)}
import cuecraft
t = cuecraft.Transcript(words=[
    cuecraft.Word(text="Hello", start_ms=0, end_ms=500),
    cuecraft.Word(text="there.", start_ms=500, end_ms=1500),
])
out = {fmt: cuecraft.dumps(t, fmt) for fmt in ("pdf", "docx", "odt", "ass", "ttml")}
report["heads"] = {
    fmt: (data[:5] if isinstance(data, bytes) else data.encode()[:5]).decode("latin-1")
    for fmt, data in out.items()
}
report["ass_back"] = [w.text for w in cuecraft.loads(out["ass"], "ass").words]
report["ttml_back"] = [w.text for w in cuecraft.loads(out["ttml"], "ttml").words]
report["after_use"] = sorted(m for m in %(heavy)r if m in sys.modules)
print(json.dumps(report))
"""


def _fresh_interpreter(code: str) -> dict[str, object]:
    # An absolute path to this checkout's package, whatever the working directory.
    env = dict(os.environ, PYTHONPATH=str(Path(cuecraft.__file__).resolve().parents[1]))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_registries_import_no_heavy_library_and_formats_load_them_on_demand() -> None:
    report = _fresh_interpreter(_SCRIPT % {"heavy": HEAVY})
    assert report["after_import"] == []
    assert report["heads"] == {
        "pdf": "%PDF-",
        "docx": "PK\x03\x04\x14",
        "odt": "PK\x03\x04\x14",
        "ass": "[Scri",
        "ttml": "<?xml",
    }
    assert report["ass_back"] == ["Hello", "there."]
    assert report["ttml_back"] == ["Hello", "there."]
    assert report["after_use"] == sorted(HEAVY)
