"""cuecraft and pysubs2 together: segment with cuecraft, shift with pysubs2, read it back.

    python examples/pysubs2_interop.py

Prints the first events before and after a two-second shift.
"""

from __future__ import annotations

from pathlib import Path

import cuecraft

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "amberscript" / "interview.json"


def main() -> None:
    transcript = cuecraft.load(SAMPLE)
    subs = cuecraft.to_pysubs2(transcript, cuecraft.Rules(max_chars_per_row=32))
    print(f"{len(subs)} events; first: {subs[0].start} ms {subs[0].name}: {subs[0].plaintext!r}")
    subs.shift(s=2)
    shifted = cuecraft.load(subs)
    print(f"after the shift the first word starts at {shifted.words[0].start_ms} ms")
    assert [w.text for w in shifted.words] == [w.text for w in transcript.words]


if __name__ == "__main__":
    main()
