"""Name anonymous speakers and write cues that carry the names.

    python examples/name_speakers.py

Deepgram-style words say "speaker 0" and "speaker 1"; the names are given at load time and
every written cue shows them.
"""

from __future__ import annotations

import cuecraft
from cuecraft.options import VttOptions

WORDS = {
    "words": [
        {"text": "¿Cómo", "start": 0.0, "end": 0.3, "speaker": "0"},
        {"text": "estás?", "start": 0.3, "end": 0.8, "speaker": "0"},
        {"text": "Muy", "start": 1.6, "end": 1.9, "speaker": "1"},
        {"text": "bien.", "start": 1.9, "end": 2.4, "speaker": "1"},
    ]
}


def main() -> None:
    transcript = cuecraft.load(WORDS, speaker_names="Zoë,José", language="es")
    cues = cuecraft.segment(transcript)
    print(cuecraft.dumps(cues, "vtt", options=VttOptions(speaker_labels="voice")), end="")


if __name__ == "__main__":
    main()
