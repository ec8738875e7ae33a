"""Rows that read back as the same words: what SRT, WebVTT and SBV readers would take for
markup or structure, neutralised (issue 10).

Each function takes the finished rows of one cue (labels included) and returns the rows to
write and the codes of what it changed; :func:`report` turns the codes into diagnostics.
Every pattern here is bounded or a plain ``str`` search, so the cost is linear in the text
whatever it holds.

**SRT** has no escape, so what a reader would take for structure is replaced by a character
that looks the same; the words stay readable and the change is reported (code: what readers
do with it -> what is written):

* ``arrow-in-text``: ``-->`` on a row is a malformed timing line -> ``--›`` (U+203A);
* ``markup-in-text``: ``<`` ... ``>`` is an HTML tag, removed by pysubs2 and players
  (``<i>``, ``<unk>``) -> ``‹`` ... ``›`` (U+2039, U+203A);
* ``override-braces``: ``{`` ... ``}`` is a SubStation override block (``{\\b1}``), hidden
  by players and pysubs2 -> ``｛`` ... ``｝`` (U+FF5B, U+FF5D);
* ``backslash-escape``: ``\\N``, ``\\n``, ``\\h`` are SubStation breaks -> the backslash
  as ``⧵`` (U+29F5);
* ``timing-line-in-text``: a row holding two clock times is a timing line for pysubs2 and
  cuecraft -> the colon after their hours as ``∶`` (U+2236 RATIO);
* ``number-row-kept``: an all-digit last row is dropped by pysubs2 as the next cue's
  number -> a no-break space (U+00A0) after the digits, which that pattern does not match;
  the row and its width on screen stay as laid out, and every reader splits words at it.

Angle brackets and braces are replaced in the whole cue as soon as a pair could form (a
``<`` with a ``>`` after it, a ``{`` with a ``}`` after it), since readers match them across
rows; a lone one is written as it is.

**WebVTT** has escapes: the writer already writes ``&amp;``, ``&lt;`` and ``&gt;`` (so ``-->``
is ``--&gt;`` and tags are text). What remains is what pysubs2 and cuecraft's reader take
for SubStation markup or a timing line, written as numeric character references, which
every WebVTT parser decodes (WebVTT cue text parsing, "HTML character reference"):
``{``/``}`` as ``&#123;``/``&#125;`` (``override-braces``), the backslash of ``\\N``,
``\\n``, ``\\h`` as ``&#92;`` (``backslash-escape``), the dot of each ``MM:SS.mmm`` on a
row holding two clock times as ``&#46;`` (``timing-line-in-text``); an all-digit last row
gets a no-break space after its digits (``number-row-kept``), as for SRT. The escapes
are reported as ``info``: a conforming reader gets the text back unchanged.

**Speaker-change marks** (``speaker-mark-in-text``, in every cue writer through
:mod:`~cuecraft.writers._cuetext`): the readers take a row that starts with ``>>`` for a
change of speaker and drop the chevrons, and a leading ``[...]:`` for a speaker label; a row
whose own text starts so is written with the look-alike ``››`` (U+203A twice) or fullwidth
brackets ``［...］:``. Dialogue dashes leading a row are left as they are: the
segmenter writes them itself (``dual_speaker_dashes``), and they read back as the change of
speaker they mark.

**SBV** has no markup but ``[br]`` (a row break for SubViewer readers), ``>>`` leading a row
(YouTube's change of speaker) and timing lines: ``[br]`` is written ``［br］`` (U+FF3B,
U+FF3D; ``break-tag-in-text``), a leading ``>>`` that is not the writer's own speaker mark
``››`` (``chevrons-in-text``), and two clock times on a row lose the colon after their hours
as in SRT (``timing-line-in-text``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

from cuecraft.model import Diagnostic
from cuecraft.writers._spec import WriteContext

__all__ = [
    "has_number_row",
    "lead_mark",
    "plain_for_srt",
    "report",
    "sbv_rows",
    "srt_rows",
    "vtt_rows",
]

RATIO: Final = "\u2236"
# pysubs2's SubRip TIMESTAMP (the loosest SRT reader we know; cuecraft's reader uses it):
# bounded quantifiers only, so matching is linear.
_SRT_CLOCK: Final = re.compile(r"\d{1,2}:\d{1,2}:\d{1,2}[.,]\d{1,3}")
# What every _SRT_CLOCK match holds (its seconds): a pattern that starts with a literal, which
# the regex engine finds by a fast scan, where _SRT_CLOCK tries every position of the text.
_CLOCK_SECONDS: Final = re.compile(r":\d{1,2}[.,]\d")
# A clock time for lenient SubViewer readers, hours of any length. The lookbehind starts a
# match only at the first digit of a run (otherwise each digit of a long run retries:
# quadratic time on a word of digits).
_SBV_CLOCK: Final = re.compile(r"(?<!\d)\d+:\d{1,2}:\d{1,2}[.,]\d+")
# The colon after the hours of every clock time either pattern could match (lookarounds, so
# overlapping candidates are all found).
_HOURS_COLON: Final = re.compile(r"(?<=\d):(?=\d{1,2}:\d{1,2}[.,]\d)")
# The part of pysubs2's WebVTT TIMESTAMP that is never optional, MM:SS.mm: its dot.
_VTT_CLOCK: Final = re.compile(r"\d{2}:\d{2}\.\d{2}")
_VTT_DOT: Final = re.compile(r"(?<=\d{2}:\d{2})\.(?=\d{2})")
_SEQUENCE: Final = re.compile(r"\\(?=[Nnh])")
_BREAK_TAG: Final = re.compile(r"\[(br)\]", re.IGNORECASE)
_NUMBER_ROW: Final = re.compile(r" *\d+ *")
# A row of _NUMBER_ROW in rows joined by line breaks: the first row, or one after a break
# (led by a literal, which the regex engine finds by a fast scan; "^" in MULTILINE mode is
# tried at every position of the text).
_NUMBER_FIRST_ROW: Final = re.compile(r" *\d+ *(?=\n|\Z)")
_NUMBER_LINE: Final = re.compile(r"\n *\d+ *(?=\n|\Z)")

_SRT_ANGLES: Final = str.maketrans({"<": "\u2039", ">": "\u203a"})
_SRT_BRACES: Final = str.maketrans({"{": "\uff5b", "}": "\uff5d"})
_VTT_BRACES: Final = str.maketrans({"{": "&#123;", "}": "&#125;"})

_MESSAGES: Final = {
    "arrow-in-text": "'-->' would be read as a malformed timing line; written as '--\u203a'",
    "markup-in-text": "'<' ... '>' would be read as a tag and removed; the cue's angle "
    "brackets were written as '\u2039' and '\u203a' (U+2039, U+203A)",
    "override-braces": "'{' ... '}' would be read as a SubStation override block and "
    "hidden; the cue's braces were written as {braces}",
    "backslash-escape": "a backslash before N, n or h would be read as a SubStation line "
    "break or hard space; written as {backslash}",
    "timing-line-in-text": "a row holding two clock times would be read as a timing line; {clock}",
    "number-row-kept": "a last row of digits only would be dropped as the next cue's "
    "number; a no-break space follows its digits",
    "break-tag-in-text": "'[br]' would be read as a row break; written as '\uff3bbr\uff3d'",
    "chevrons-in-text": "'>>' leading a row would be read as a change of speaker; "
    "written as '\u203a\u203a'",
}
_SRT_WORDS: Final = {
    "braces": "'\uff5b' and '\uff5d' (U+FF5B, U+FF5D)",
    "backslash": "'\u29f5' (U+29F5)",
    "clock": "the colon after their hours was written as '\u2236' (U+2236)",
}
_VTT_WORDS: Final = {
    "braces": "'&#123;' and '&#125;'",
    "backslash": "'&#92;'",
    "clock": "the dot before their milliseconds was written as '&#46;'",
}


# A bracketed speaker label the readers take whatever its case ("[SPEAKER_01]: ..."): bounded.
_BRACKET_LABEL: Final = re.compile(r"\[([^\]\n]{0,32})\]:(?=\s|$)")


def lead_mark(text: str) -> tuple[str, bool]:
    """A row's text that does not start like a speaker mark, and whether it did: ``>>``, or a
    bracketed label ``[...]:``.

    Dialogue dashes are left alone: the segmenter writes them itself (``dual_speaker_dashes``)
    and the readers take them back as the marks they are.
    """
    if text.startswith(">>"):
        return "\u203a\u203a" + text[2:], True
    label = _BRACKET_LABEL.match(text)
    if label is not None:
        return f"\uff3b{label.group(1)}\uff3d{text[label.end() - 1 :]}", True
    return text, False


def _pair(text: str, opening: str, closing: str) -> bool:
    """Whether some ``opening`` has a ``closing`` after it (two finds: linear)."""
    start = text.find(opening)
    return start >= 0 and text.find(closing, start) >= 0


def _join_number_row(rows: list[str], changes: list[str]) -> list[str]:
    # pysubs2 (subrip.py prepare_text): re.sub(r"\n+ *\d+ *$", "", text) drops the cue's
    # last row when it is only digits, taking it for the number of the next cue. Joining the
    # rows would change the layout (a row over the limit, a one-row cue held too long), so
    # the row stays and a no-break space, which " *" does not match, follows the digits.
    if len(rows) > 1 and _NUMBER_ROW.fullmatch(rows[-1]):
        changes.append("number-row-kept")
        return [*rows[:-1], rows[-1].rstrip(" ") + "\u00a0"]
    return rows


def plain_for_srt(text: str) -> bool:
    """Whether :func:`srt_rows` can change nothing but a last row of digits in rows taken
    from ``text`` (all of a file's rows, joined by line breaks): no arrow, angle bracket,
    brace, backslash, and fewer than two clock times in all. One scan of the whole file
    instead of six per cue."""
    if "-->" in text or "<" in text or "{" in text or "\\" in text:
        return False
    if _CLOCK_SECONDS.search(text) is None:
        return True  # no clock time at all (a fiftieth of the time of looking for them)
    # A clock time never spans a line break, so the file holds every row's matches.
    return len(_SRT_CLOCK.findall(text)) < 2


def has_number_row(text: str) -> bool:
    """Whether any row of ``text`` (rows joined by line breaks) is only digits: a last row
    :func:`srt_rows` changes. One scan of a whole file instead of a look at every cue."""
    return _NUMBER_FIRST_ROW.match(text) is not None or _NUMBER_LINE.search(text) is not None


def srt_rows(rows: Sequence[str], *, plain: bool = False) -> tuple[list[str], list[str]]:
    """SRT rows that no reader takes for markup or structure, and the codes of the changes.

    ``plain``: the rows come from a file :func:`plain_for_srt` cleared; only the last row
    is looked at.
    """
    changes: list[str] = []
    out = list(rows)
    if plain:
        return _join_number_row(out, changes), changes
    if any("-->" in row for row in out):
        out = [row.replace("-->", "--\u203a") for row in out]
        changes.append("arrow-in-text")
    whole = "\n".join(out)
    if _pair(whole, "<", ">"):
        out = [row.translate(_SRT_ANGLES) for row in out]
        changes.append("markup-in-text")
    if _pair(whole, "{", "}"):
        out = [row.translate(_SRT_BRACES) for row in out]
        changes.append("override-braces")
    escaped = [_SEQUENCE.sub("\u29f5", row) for row in out]
    if escaped != out:
        out = escaped
        changes.append("backslash-escape")
    defused = [
        _HOURS_COLON.sub(RATIO, row) if len(_SRT_CLOCK.findall(row)) >= 2 else row for row in out
    ]
    if defused != out:
        out = defused
        changes.append("timing-line-in-text")
    return _join_number_row(out, changes), changes


def vtt_rows(rows: Sequence[str]) -> tuple[list[str], list[str]]:
    """WebVTT rows (already escaped for ``&``, ``<``, ``>``) safe for pysubs2 and cuecraft."""
    changes: list[str] = []
    out = list(rows)
    if _pair("\n".join(out), "{", "}"):
        out = [row.translate(_VTT_BRACES) for row in out]
        changes.append("override-braces")
    escaped = [_SEQUENCE.sub("&#92;", row) for row in out]
    if escaped != out:
        out = escaped
        changes.append("backslash-escape")
    defused = [
        _VTT_DOT.sub("&#46;", row) if len(_VTT_CLOCK.findall(row)) >= 2 else row for row in out
    ]
    if defused != out:
        out = defused
        changes.append("timing-line-in-text")
    return _join_number_row(out, changes), changes


def sbv_rows(rows: Sequence[str], chevrons: Sequence[bool]) -> tuple[list[str], list[str]]:
    """SBV rows safe for SubViewer readers; ``chevrons[i]`` when row i starts with our ``>>``."""
    changes: list[str] = []
    out: list[str] = []
    for row, marked in zip(rows, chevrons, strict=True):
        text = row.removeprefix(">> ") if marked else row
        if text.startswith(">>"):
            text = "\u203a\u203a" + text[2:]
            changes.append("chevrons-in-text")
        if _BREAK_TAG.search(text):
            text = _BREAK_TAG.sub("\uff3b\\1\uff3d", text)
            changes.append("break-tag-in-text")
        if len(_SBV_CLOCK.findall(text)) >= 2:
            text = _HOURS_COLON.sub(RATIO, text)
            changes.append("timing-line-in-text")
        out.append(f">> {text}" if marked else text)
    return out, list(dict.fromkeys(changes))


def report(
    changes: Iterable[str], cue_index: int, context: WriteContext | None, *, escaped: bool
) -> None:
    """Diagnostics for the changes made to one cue (``info`` when ``escaped``: lossless)."""
    if context is None:
        return
    words = _VTT_WORDS if escaped else _SRT_WORDS
    for code in changes:
        message = _MESSAGES[code]
        for key, value in words.items():  # not str.format: the messages hold braces
            message = message.replace(f"{{{key}}}", value)
        context.diagnostics.append(
            Diagnostic(
                code=code,
                cue_index=cue_index,
                message=message,
                severity="info" if escaped and code != "number-row-kept" else "warning",
            )
        )
