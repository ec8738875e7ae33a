"""Columns: the words of a transcript, and the cues cut from them, as parallel arrays.

The hot path of a conversion (read, segment, write) never builds one object per word:

* :class:`WordTable` holds the words as columns (texts, start and end ms, speaker ids,
  confidences, flags) beside the transcript's few whole-file fields. Readers build it in one
  validated pass (``readers._spec.assemble_table``), at about 100 bytes per word where a
  :class:`~cuecraft.model.Word` costs over a kilobyte.
* :class:`CueTable` is a segmentation as word spans and times: the rows of every cue as
  word-index boundaries, each cue's start and end. Subtitle writers render from it.

The pydantic :class:`~cuecraft.model.Transcript` and :class:`~cuecraft.model.Cue` stay the
public, typed model: :meth:`WordTable.transcript` and :meth:`CueTable.cues` build them on
demand, :meth:`WordTable.from_transcript` goes the other way. Both classes check their
invariants when built (:meth:`WordTable.check`, :meth:`CueTable.check`) and raise
:class:`~cuecraft.errors.ModelError` like the model does.
"""

from __future__ import annotations

import itertools
import operator
from array import array
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from types import ModuleType

from cuecraft._compiled import load_module
from cuecraft.errors import ModelError, Problem
from cuecraft.model import Cue, Diagnostic, Highlight, Line, SourceInfo, Speaker, Transcript, Word

__all__ = ["COLUMN_KERNEL", "CueTable", "WordTable", "in_order"]

COLUMN_KERNEL = load_module("cuecraft._column_kernel")
"""The per-word checks of the column pass, compiled where built (:mod:`cuecraft._column_kernel`;
``CUECRAFT_PURE_PYTHON=1`` loads its Python source, and the callers then keep their
whole-column operations)."""


def in_order(
    starts: Sequence[int], ends: Sequence[int], kernel: ModuleType = COLUMN_KERNEL
) -> bool:
    """Whether every word ends no earlier than it starts and starts no earlier than the word
    before it (columns of equal length; ``kernel``: the :mod:`~cuecraft._column_kernel` to
    use where it is compiled and the columns are 64-bit arrays)."""
    if kernel.COMPILED and _long_array(starts) and _long_array(ends):
        ordered: bool = kernel.in_order(starts, ends)
        return ordered
    return all(map(operator.le, starts, ends)) and all(
        map(operator.le, starts, itertools.islice(starts, 1, None))
    )


def _long_array(column: Sequence[int]) -> bool:
    return isinstance(column, array) and column.typecode == "q"


def _nonempty_strings(texts: Sequence[object], kernel: ModuleType = COLUMN_KERNEL) -> bool:
    """Whether every text (of at least one) is a non-empty ``str``, not a subclass.

    The kernel only says yes: for a no, the whole-column Python judges again, and so fails
    (or raises, for an object without a truth value) as it always has."""
    if kernel.COMPILED and type(texts) is list and kernel.nonempty_strings(texts):
        return True
    return all(texts) and set(map(type, texts)) == {str}


def _known(
    values: Sequence[object], allowed: AbstractSet[object], kernel: ModuleType = COLUMN_KERNEL
) -> bool:
    """Whether every value is in ``allowed``; TypeError for an unhashable one.

    The kernel only says yes, as in :func:`_nonempty_strings`."""
    if kernel.COMPILED and type(values) is list:
        try:
            if kernel.known(values, allowed):
                return True
        except TypeError:  # unhashable: the set below raises it as it always has
            pass
    return set(values) <= allowed


def _invalid(message: str, pointer: str = "") -> ModelError:
    return ModelError([Problem(pointer, message)])


def _first_bad(flags: Iterator[bool]) -> int:
    """Index of the first False in ``flags`` (the caller knows there is one)."""
    return next(index for index, ok in enumerate(flags) if not ok)


class WordTable:
    """The words of one transcript as columns, and its whole-file fields.

    Attributes:
        texts: each word as displayed (never empty, no surrounding whitespace).
        starts, ends: times in integer ms (``array('q')``); starts never decrease and each
            word ends no earlier than it starts.
        speakers: the speaker id of each word, or None.
        confidences: per word, 0..1 or None; None as a whole when no word has one.
        pristine: per word, Amberscript's flag or None; None as a whole when unknown.
        paragraph_starts: the indices of the words that start a paragraph (readers give 0).
        speaker_list, language, source, highlights, diagnostics: as in
            :class:`~cuecraft.model.Transcript`.

    Treat it as read-only: the columns are shared with what is built from it.
    """

    __slots__ = (
        "_transcript",
        "confidences",
        "diagnostics",
        "ends",
        "highlights",
        "language",
        "paragraph_starts",
        "pristine",
        "source",
        "speaker_list",
        "speakers",
        "starts",
        "texts",
    )

    def __init__(
        self,
        texts: list[str],
        starts: Sequence[int],
        ends: Sequence[int],
        *,
        speakers: list[str | None] | None = None,
        confidences: list[float | None] | None = None,
        pristine: list[bool | None] | None = None,
        paragraph_starts: Sequence[int] = (0,),
        speaker_list: Sequence[Speaker] = (),
        language: str | None = None,
        source: SourceInfo | None = None,
        highlights: Sequence[Highlight] = (),
        diagnostics: Sequence[Diagnostic] = (),
        check: bool = True,
    ) -> None:
        self.texts = texts
        self.starts = starts if isinstance(starts, array) else array("q", starts)
        self.ends = ends if isinstance(ends, array) else array("q", ends)
        self.speakers: list[str | None] = speakers if speakers is not None else [None] * len(texts)
        self.confidences = confidences
        self.pristine = pristine
        self.paragraph_starts = sorted(set(paragraph_starts)) if texts else []
        self.speaker_list = tuple(speaker_list)
        self.language = language
        self.source = source if source is not None else SourceInfo()
        self.highlights = tuple(highlights)
        self.diagnostics = tuple(diagnostics)
        self._transcript: Transcript | None = None
        if check:
            self.check()

    def __len__(self) -> int:
        return len(self.texts)

    def __repr__(self) -> str:
        return f"<WordTable of {len(self)} words from {self.source.name or 'memory'}>"

    def check(self) -> None:
        """Check the invariants of :class:`~cuecraft.model.Transcript`, column by column.

        Raises:
            ModelError: naming the first word that breaks one.
        """
        n = len(self.texts)
        if n == 0:
            raise _invalid("a transcript needs at least one word")
        columns: dict[str, Sequence[object]] = {
            "starts": self.starts,
            "ends": self.ends,
            "speakers": self.speakers,
        }
        if self.confidences is not None:
            columns["confidences"] = self.confidences
        if self.pristine is not None:
            columns["pristine"] = self.pristine
        for name, column in columns.items():
            if len(column) != n:
                raise _invalid(f"{name} has {len(column)} values for {n} words")
        if not _nonempty_strings(self.texts):
            index = _first_bad(type(text) is str and text != "" for text in self.texts)
            raise _invalid(f"word {index}: text must be a non-empty string")
        ordered = in_order(self.starts, self.ends)
        # In order, the first start is the least.
        if (self.starts[0] if ordered else min(self.starts)) < 0:
            raise _invalid(f"word {_first_bad(s >= 0 for s in self.starts)} starts before 0")
        if not ordered and not all(map(operator.le, self.starts, self.ends)):
            index = _first_bad(map(operator.le, self.starts, self.ends))
            raise _invalid(
                f"word {index} ({self.texts[index]!r}) ends at {self.ends[index]} ms, "
                f"before its start {self.starts[index]} ms"
            )
        if not ordered:  # a word starts before the one before it
            index = _first_bad(
                map(operator.le, self.starts, itertools.islice(self.starts, 1, None))
            )
            raise _invalid(
                f"word {index + 1} ({self.texts[index + 1]!r}) starts at "
                f"{self.starts[index + 1]} ms, before the previous word's start "
                f"{self.starts[index]} ms"
            )
        ids = [speaker.id for speaker in self.speaker_list]
        if len(set(ids)) != len(ids):
            raise _invalid(f"speaker ids must be unique, got {ids}")
        allowed = {None, *ids}
        if not _known(self.speakers, allowed):
            unknown = set(self.speakers) - allowed
            index = self.speakers.index(sorted(unknown, key=str)[0])
            raise _invalid(f"word {index} has unknown speaker {self.speakers[index]!r}")
        for index, highlight in enumerate(self.highlights):
            if not highlight.first < highlight.stop <= n:
                raise _invalid(
                    f"highlight {index} spans words [{highlight.first}, {highlight.stop}) "
                    f"outside [0, {n})"
                )

    def speaker_names(self) -> dict[str, str]:
        """Speaker id -> display name, for every listed speaker."""
        return {speaker.id: speaker.name for speaker in self.speaker_list}

    def replace(
        self,
        *,
        speaker_list: Sequence[Speaker] | None = None,
        language: str | None = None,
        diagnostics: Sequence[Diagnostic] | None = None,
    ) -> WordTable:
        """A copy with new whole-file fields (the columns are shared, not copied)."""
        return WordTable(
            self.texts,
            self.starts,
            self.ends,
            speakers=self.speakers,
            confidences=self.confidences,
            pristine=self.pristine,
            paragraph_starts=self.paragraph_starts,
            speaker_list=self.speaker_list if speaker_list is None else speaker_list,
            language=language if language is not None else self.language,
            source=self.source,
            highlights=self.highlights,
            diagnostics=self.diagnostics if diagnostics is None else diagnostics,
            check=speaker_list is not None,
        )

    def words(self) -> list[Word]:
        """The words as :class:`~cuecraft.model.Word` objects (validated)."""
        paragraphs = set(self.paragraph_starts)
        confidences = self.confidences or itertools.repeat(None)
        pristine = self.pristine or itertools.repeat(None)
        return [
            Word(
                text=text,
                start_ms=start,
                end_ms=end,
                confidence=confidence,
                speaker=speaker,
                pristine=flag,
                paragraph_start=index in paragraphs,
            )
            for index, (text, start, end, speaker, confidence, flag) in enumerate(
                zip(
                    self.texts,
                    self.starts,
                    self.ends,
                    self.speakers,
                    confidences,
                    pristine,
                    strict=False,
                )
            )
        ]

    def transcript(self) -> Transcript:
        """The :class:`~cuecraft.model.Transcript` of these words, built once and kept."""
        if self._transcript is None:
            self._transcript = Transcript(
                words=tuple(self.words()),
                speakers=self.speaker_list,
                language=self.language,
                source=self.source,
                highlights=self.highlights,
                diagnostics=self.diagnostics,
            )
        return self._transcript

    @classmethod
    def from_transcript(cls, transcript: Transcript) -> WordTable:
        """The columns of a transcript (which keeps being the one :meth:`transcript` gives)."""
        words = transcript.words
        confidences = [word.confidence for word in words]
        pristine = [word.pristine for word in words]
        table = cls(
            [word.text for word in words],
            array("q", [word.start_ms for word in words]),
            array("q", [word.end_ms for word in words]),
            speakers=[word.speaker for word in words],
            confidences=None if confidences.count(None) == len(words) else confidences,
            pristine=None if pristine.count(None) == len(words) else pristine,
            paragraph_starts=[i for i, word in enumerate(words) if word.paragraph_start],
            speaker_list=transcript.speakers,
            language=transcript.language,
            source=transcript.source,
            highlights=transcript.highlights,
            diagnostics=transcript.diagnostics,
            check=False,  # a Transcript holds the same invariants
        )
        table._transcript = transcript
        return table


class CueTable:
    """A segmentation of a :class:`WordTable`: cues as word spans and times.

    Row ``r`` shows the words ``[row_firsts[r], row_firsts[r + 1])`` (``row_firsts`` ends
    with the number of words); cue ``k`` holds the rows ``[cue_rows[k], cue_rows[k + 1])``
    and is shown from ``starts[k]`` to ``ends[k]`` ms. Every row of a cue flagged in
    ``dashes`` is led by ``speaker_dash`` (a two-speaker cue). Words of a row are joined with
    ``separator``.
    """

    __slots__ = (
        "cue_rows",
        "dashes",
        "ends",
        "row_firsts",
        "separator",
        "speaker_dash",
        "starts",
        "words",
    )

    def __init__(
        self,
        words: WordTable,
        row_firsts: Sequence[int],
        cue_rows: Sequence[int],
        starts: Sequence[int],
        ends: Sequence[int],
        *,
        dashes: bytes | bytearray | None = None,
        separator: str = " ",
        speaker_dash: str = "-",
    ) -> None:
        self.words = words
        self.row_firsts = row_firsts
        self.cue_rows = cue_rows
        self.starts = starts
        self.ends = ends
        self.dashes = dashes if dashes is not None else bytes(len(starts))
        self.separator = separator
        self.speaker_dash = speaker_dash
        self.check()

    def __len__(self) -> int:
        return len(self.starts)

    def check(self) -> None:
        """The fidelity contract on spans: the rows cover every word once, in order, each cue
        has a row, and times are non-negative with each cue ending no earlier than it starts.

        Raises:
            ModelError: naming the first cue or row that breaks it.
        """
        n = len(self.words)
        rows = self.row_firsts
        count = len(self.starts)
        if len(self.ends) != count or len(self.cue_rows) != count + 1 or len(self.dashes) != count:
            raise _invalid("cue columns of different lengths")
        if not rows or rows[0] != 0 or rows[-1] != n:
            raise _invalid(f"rows do not cover the {n} words")
        if not all(map(operator.lt, rows, itertools.islice(rows, 1, None))):
            raise _invalid(f"row {_first_bad(map(operator.lt, rows, rows[1:]))} is empty")
        cue_rows = self.cue_rows
        if cue_rows[0] != 0 or cue_rows[-1] != len(rows) - 1:
            raise _invalid("cues do not cover the rows")
        if not all(map(operator.lt, cue_rows, itertools.islice(cue_rows, 1, None))):
            raise _invalid(f"cue {_first_bad(map(operator.lt, cue_rows, cue_rows[1:]))} is empty")
        if count and min(self.starts) < 0:
            raise _invalid(f"cue {_first_bad(s >= 0 for s in self.starts)} starts before 0")
        if not all(map(operator.le, self.starts, self.ends)):
            index = _first_bad(map(operator.le, self.starts, self.ends))
            raise _invalid(
                f"cue ends at {self.ends[index]} ms, before its start {self.starts[index]} ms "
                f"(cue {index + 1})"
            )

    def row_text(self, row: int) -> str:
        """The text of row ``row`` (without the dash of a two-speaker cue)."""
        first, stop = self.row_firsts[row], self.row_firsts[row + 1]
        if stop - first == 1:
            return self.words.texts[first]
        return self.separator.join(self.words.texts[first:stop])

    def lines(self, cue: int) -> list[tuple[str, str | None, int, int]]:
        """``(text, speaker, first, stop)`` of each row of cue ``cue``, dash included."""
        dash = self.speaker_dash if self.dashes[cue] else ""
        speakers = self.words.speakers
        rows = self.row_firsts
        return [
            (dash + self.row_text(row), speakers[rows[row]], rows[row], rows[row + 1])
            for row in range(self.cue_rows[cue], self.cue_rows[cue + 1])
        ]

    def cues(self, *, named: bool = False) -> list[Cue]:
        """The cues as :class:`~cuecraft.model.Cue` objects; ``named`` fills each row's
        ``speaker_name`` from the transcript's speakers."""
        names = self.words.speaker_names() if named else {}
        return [
            Cue(
                start_ms=self.starts[k],
                end_ms=self.ends[k],
                lines=tuple(
                    Line(
                        text=text,
                        first=first,
                        stop=stop,
                        speaker=speaker,
                        speaker_name=names.get(speaker) if speaker is not None else None,
                    )
                    for text, speaker, first, stop in self.lines(k)
                ),
            )
            for k in range(len(self))
        ]
