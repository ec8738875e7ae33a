"""MAXQDA transcript writer (``.txt``): paragraphs with MAXQDA's inline time stamps, for
"Import > Transcripts (with time stamps)" and focus-group import.

Format: MAXQDA's rules for importing transcripts with time stamps (MAXQDA manual, "Importing
Transcripts with Time Stamps"; summarised at wiki.e-curators.org/index.php/Transcription):
plain text, one blank line between paragraphs, each paragraph starting with its time stamp
directly followed by the speaker's name and a colon (which focus-group import turns into
speaker codes)::

    #00:00:00-6#Zoë Müller: Good evening, and welcome to Open Studio.

    #00:00:11-7#José Núñez: Thank you for having me.

Time stamps are written in one of the forms MAXQDA recognises: ``#hh:mm:ss-x#`` (the f4/f5
transcription format, tenths of a second; the default), ``[hh:mm:ss]`` (as aTrain's MAXQDA
export writes) or ``(hh:mm:ss.xx)`` (hundredths).
A paragraph starts at each paragraph of the transcript and at each change of speaker; its
words are joined with single spaces. In a paragraph without a speaker label, every ``:`` is
written ``∶`` (U+2236) and reported (``colon-in-text``): MAXQDA would take the text before
it for a speaker's name. ``start_offset`` moves every time stamp (the media's own
start time code); ``frame_rate`` only says how to read a frame count in it. HappyScribe's
"Maxqda (.txt)" export (seed ``003_*.txt``) is this layout.
"""

from __future__ import annotations

from typing import Literal, TextIO

from cuecraft.formats.timecode import EXACT_RATES
from cuecraft.model import Diagnostic, Transcript
from cuecraft.writers._spec import WriteContext, WriterSpec
from cuecraft.writers._timecode import TimecodeOptions, offset_frames
from cuecraft.writers._vendorjson import runs

__all__ = ["SPEC", "MaxqdaOptions", "stamp", "write"]


class MaxqdaOptions(TimecodeOptions):
    """Options of the MAXQDA writer.

    Example: aTrain-style bracketed stamps, media starting at ten hours::

        MaxqdaOptions(timestamp_format="brackets", start_offset="10:00:00.000")
    """

    timestamp_format: Literal["f4", "brackets", "parentheses"] = "f4"
    """Time stamps: f4 (#hh:mm:ss-x#, tenths), brackets ([hh:mm:ss]) or parentheses
    ((hh:mm:ss.xx), hundredths)."""

    speaker_labels: Literal["name", "none"] = "name"
    """Speaker labels: name ('Name: ' after the time stamp, for focus-group import) or none."""

    eol: Literal["\n", "\r\n"] = "\r\n"
    """Line ending: CRLF (default, as MAXQDA's Windows exports) or LF."""


def stamp(ms: int, style: str) -> str:
    """A MAXQDA time stamp of a time in ms, in the given style (rounded down)."""
    seconds, part = divmod(ms, 1000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    clock = f"{hour:02d}:{minute:02d}:{second:02d}"
    if style == "f4":
        return f"#{clock}-{part // 100}#"
    if style == "brackets":
        return f"[{clock}]"
    return f"({clock}.{part // 10:02d})"


def write(
    transcript: Transcript, out: TextIO, options: MaxqdaOptions, context: WriteContext
) -> None:
    """Write the transcript as a MAXQDA transcript with time stamps."""
    offset = offset_frames(options)
    offset_ms = round(offset * 1000 / EXACT_RATES[options.frame_rate])
    eol = options.eol
    for number, (first, stop) in enumerate(runs(transcript)):
        words = transcript.words[first:stop]
        text = " ".join(word.text for word in words)
        speaker = words[0].speaker
        if options.speaker_labels == "name" and speaker is not None:
            name = context.speaker_names.get(speaker) or transcript.speaker_name(speaker)
            # A colon or line break in a name would end the label early for MAXQDA.
            name = " ".join(str(name).replace(":", " ").split())
            text = f"{name}: {text}"
        elif ":" in text:
            # Unlabelled, "John: hello" would be read as John speaking (the text before the
            # first colon is the name): colons are written as a look-alike (U+2236 RATIO), as
            # the SRT writer does with clock times.
            text = text.replace(":", "\u2236")
            context.diagnostics.append(
                Diagnostic(
                    code="colon-in-text",
                    word_index=first,
                    message="the ':' of a paragraph without a speaker were written as "
                    "'\u2236' so that MAXQDA does not take the text before it for a speaker",
                )
            )
        if number:
            out.write(eol)
        out.write(f"{stamp(words[0].start_ms + offset_ms, options.timestamp_format)}{text}{eol}")


SPEC = WriterSpec(
    name="maxqda",
    extensions=(".maxqda.txt",),
    takes="transcript",
    binary=False,
    options=MaxqdaOptions,
    write=write,
    description="MAXQDA transcript with time stamps (.txt)",
)
