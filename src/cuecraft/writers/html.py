"""Interactive HTML transcript writer: one self-contained page whose words follow the media.

HappyScribe's "Interactive Transcript (.html)" export (seed 003): the transcript as a web page
in which each word knows its time. The page here is one file with its style and script inline
(nothing is fetched from a network) and the DOCX writer's content and options
(``_styled.StyledOptions``): a ``<h1>`` title, one ``<section>`` per speaker turn headed by
its start time (a link to the turn) and the speaker's name, or the timecode | speaker | text
table; highlights as ``<mark>``; low-confidence words marked. Every word is a
``<span class="w" data-start data-end>`` with its times in milliseconds.

With ``media`` (``--media URL``), the page embeds an ``<audio>`` (or ``<video>``) player for that
address; the word being spoken is highlighted as the media plays, clicking a word or a
timestamp seeks the player there (keyboard users seek with the timestamp links). Without
``media`` the page is a plain, readable transcript: the script does nothing.

Every text and attribute is escaped (``<``, ``&``, quotes), and the script holds no transcript
data, so a word such as ``</script>`` is only text.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Literal, TextIO

from cuecraft.model import Transcript
from cuecraft.writers._document import Block, Token, plan_blocks
from cuecraft.writers._html_assets import SCRIPT, STYLE
from cuecraft.writers._spec import WriteContext, WriterSpec
from cuecraft.writers._styled import (
    StyledOptions,
    Styler,
    creation_date,
    document_language,
    document_title,
    table_columns,
)

__all__ = ["SPEC", "HtmlOptions", "write"]

_VIDEO_EXTENSIONS = (".mp4", ".m4v", ".mov", ".webm", ".mkv", ".ogv")


class HtmlOptions(StyledOptions):
    """Options of the interactive HTML writer: the DOCX writer's, plus the media to follow."""

    media: str | None = None
    """Address of the audio or video the transcript belongs to (a URL, or a path relative to
    the page). The page then embeds a player, highlights the word being spoken and seeks
    when a word is clicked. None: no player."""

    media_kind: Literal["auto", "audio", "video"] = "auto"
    """The player element: ``auto`` picks ``<video>`` for .mp4/.m4v/.mov/.webm/.mkv/.ogv
    addresses and ``<audio>`` otherwise."""


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.3f}"


def _player(options: HtmlOptions) -> str:
    if options.media is None:
        return ""
    kind = options.media_kind
    if kind == "auto":
        path = options.media.split("?", 1)[0].split("#", 1)[0].lower()
        kind = "video" if path.endswith(_VIDEO_EXTENSIONS) else "audio"
    return (
        f'<div class="player"><{kind} id="media" controls preload="metadata" '
        'aria-label="Recording" '
        f'src="{_attr(options.media)}">Your browser cannot play this {kind}; '
        f'<a href="{_attr(options.media)}">open it</a>.</{kind}></div>\n'
    )


class _Words:
    """Words as spans (with their times), inside ``<mark>`` where highlighted."""

    def __init__(self, transcript: Transcript, styler: Styler) -> None:
        self._words = transcript.words
        self._styler = styler

    def render(self, tokens: Sequence[Token]) -> str:
        parts: list[str] = []
        open_mark: tuple[int, int, int] | None = None
        for position, token in enumerate(tokens):
            index = token.word_index
            highlight = self._styler.highlights[index] if index is not None else None
            if open_mark is not None and highlight != open_mark:
                parts.append("</mark>")
                open_mark = None
            if position and token.space:
                parts.append(escape(token.space))
            if highlight is not None and open_mark is None:
                red, green, blue = highlight
                parts.append(f'<mark style="background-color:#{red:02x}{green:02x}{blue:02x}">')
                open_mark = highlight
            if index is None:
                # An inline timecode (timestamps_frequency): grey text, as in DOCX.
                parts.append(f'<span class="inline-time">{escape(token.text)}</span>')
                continue
            word = self._words[index]
            review = self._styler.review[index]
            extra = ""
            if review:
                extra = f' title="low confidence: {word.confidence:.2f}"'
            parts.append(
                f'<span class="w{" review" if review else ""}" data-start="{word.start_ms}" '
                f'data-end="{word.end_ms}"{extra}>{escape(token.text)}</span>'
            )
        if open_mark is not None:
            parts.append("</mark>")
        return "".join(parts)


def _time_link(block: Block, number: int) -> str:
    assert block.timestamp is not None
    return (
        f'<a class="time" href="#turn-{number}" data-start="{block.start_ms}">'
        f'<time datetime="PT{_seconds(block.start_ms)}S">{escape(block.timestamp)}</time></a>'
    )


def _paragraphs(blocks: Sequence[Block], words: _Words) -> str:
    parts: list[str] = []
    for number, block in enumerate(blocks, start=1):
        head: list[str] = []
        if block.timestamp is not None:
            head.append(_time_link(block, number))
        if block.speaker is not None:
            head.append(f'<span class="speaker">{escape(block.speaker)}</span>')
        parts.append(f'<section class="turn" id="turn-{number}">')
        if head:
            parts.append(f'<h2 class="turn-head" dir="auto">{" ".join(head)}</h2>')
        parts.append(f'<p dir="auto">{words.render(block.tokens)}</p></section>')
    return "\n".join(parts)


def _table(blocks: Sequence[Block], words: _Words, options: HtmlOptions) -> str:
    columns = table_columns(options)
    parts = ['<table class="turns">', "<thead><tr>"]
    parts += [f'<th scope="col">{name}</th>' for name in columns]
    parts.append("</tr></thead><tbody>")
    for number, block in enumerate(blocks, start=1):
        parts.append(f'<tr id="turn-{number}">')
        if "Timecode" in columns:
            link = _time_link(block, number) if block.timestamp is not None else ""
            parts.append(f"<td>{link}</td>")
        if "Speaker" in columns:
            parts.append(f'<th scope="row" class="speaker">{escape(block.speaker or "")}</th>')
        parts.append(f'<td dir="auto">{words.render(block.tokens)}</td></tr>')
    parts.append("</tbody></table>")
    return "\n".join(parts)


def write(transcript: Transcript, out: TextIO, options: HtmlOptions, context: WriteContext) -> None:
    """Write the transcript as one self-contained interactive HTML page.

    Args:
        transcript: the transcript; sections (or table rows) follow its speaker turns.
        out: a text stream (the page is UTF-8, declared in a ``<meta charset>``).
        options: layout, what to show, and the media the page follows.
        context: title and language; receives a diagnostic for every character removed.
    """
    title = document_title(options, context)
    language = document_language(transcript, context)
    blocks = plan_blocks(transcript, options, context)
    words = _Words(transcript, Styler(transcript, options))
    review_style = "underline" if options.low_confidence_mark == "underline" else "color"
    lang = f' lang="{_attr(language)}"' if language else ""
    body = (
        _table(blocks, words, options) if options.layout == "table" else _paragraphs(blocks, words)
    )
    heading = f'<h1 dir="auto">{escape(title)}</h1>\n' if title else ""
    out.write(
        f'<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="cuecraft">\n'
        f'<meta name="dcterms.created" content="{creation_date(options).isoformat()}">\n'
        f"<title>{escape(title or 'Transcript')}</title>\n"
        f"<style>\n{STYLE}</style>\n</head>\n"
        f'<body class="review-{review_style}">\n<header>\n{heading}{_player(options)}</header>\n'
        f'<main id="transcript">\n{body}\n</main>\n'
        f"<script>\n{SCRIPT}</script>\n</body>\n</html>\n"
    )


SPEC = WriterSpec(
    name="html",
    extensions=(".html", ".htm"),
    takes="transcript",
    binary=False,
    options=HtmlOptions,
    write=write,
    description="Interactive HTML transcript: one self-contained page, every word timed; "
    "with --media it follows and seeks the player",
)
