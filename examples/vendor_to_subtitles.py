"""A vendor's word-timed JSON to SRT, WebVTT and broadcast EBU-STL.

    python examples/vendor_to_subtitles.py [OUTPUT_FOLDER]

Writes into OUTPUT_FOLDER (default: a new temporary folder) and prints what it wrote.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import cuecraft
from cuecraft.options import StlOptions, VttOptions

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "amberscript" / "interview.json"


def main(folder: Path) -> None:
    transcript = cuecraft.load(SAMPLE)
    rules = cuecraft.Rules(max_chars_per_row=37, max_rows=2)
    folder.mkdir(parents=True, exist_ok=True)
    cuecraft.write(transcript, folder / "interview.srt", rules=rules)
    cuecraft.write(
        transcript,
        folder / "interview.vtt",
        rules=rules,
        options=VttOptions(speaker_labels="voice"),
    )
    cuecraft.write(
        transcript,
        folder / "interview.stl",
        rules=cuecraft.Rules(max_chars_per_row=37, frame_rate=25),
        options=StlOptions(programme_title="Interview"),
    )
    for path in sorted(folder.iterdir()):
        print(f"{path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="cuecraft-")))
