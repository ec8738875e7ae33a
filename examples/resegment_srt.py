"""Re-segment subtitle text under stricter rules, without files: loads() and dumps().

    python examples/resegment_srt.py

Prints the SRT re-cut to 20 characters per row, and the check of each version.
"""

from __future__ import annotations

import cuecraft

DOWNLOADED = """\
1
00:00:01,000 --> 00:00:04,000
This is a rather long subtitle row that breaks house rules.

2
00:00:04,500 --> 00:00:06,000
And a short one.
"""


def main() -> None:
    transcript = cuecraft.loads(DOWNLOADED)
    rules = cuecraft.Rules(max_chars_per_row=20, max_rows=2)
    srt = cuecraft.dumps(transcript, "srt", rules=rules)
    assert isinstance(srt, str)
    print(srt)
    longest = max(len(row) for row in srt.splitlines() if row and "-->" not in row)
    print(f"longest row: {longest} characters (limit {rules.max_chars_per_row})")


if __name__ == "__main__":
    main()
