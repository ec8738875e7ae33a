"""Reader options every reader takes: ``language`` and ``speaker_names``.

A reader that knows the option itself (Scribie's ``speaker_names``, the word list's
``language``) gets it as before. For every other reader, :func:`apply` sets it on the loaded
transcript, so that Deepgram's ``Speaker 0`` or AWS's ``spk_0`` can be named and a Spanish
SRT does not come out of TTML or STL as ``und``.

``speaker_names`` is either names in order of first appearance (``["Zoë", "José"]`` or the
command line's ``"Zoë,José"``) or a mapping from speaker id to name (``{"spk_0": "Zoë"}`` or
``"spk_0=Zoë,spk_1=José"``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from cuecraft.columns import WordTable
from cuecraft.errors import InputError, RulesError
from cuecraft.model import Diagnostic, Speaker, Transcript

__all__ = ["GENERIC", "ReaderOptions", "apply", "parse_speaker_names"]

GENERIC = ("language", "speaker_names")
"""Options any reader accepts (applied after reading when the reader does not know them)."""


def parse_speaker_names(value: Any, *, source: str) -> list[str] | dict[str, str]:
    """Names in order, or an id -> name mapping; raises InputError for anything else."""
    if isinstance(value, Mapping):
        items = {str(key): value[key] for key in value}
        if all(isinstance(name, str) and name.strip() for name in items.values()):
            return {key: name.strip() for key, name in items.items()}
    elif isinstance(value, str):
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if parts and all("=" in part for part in parts):
            pairs = [part.split("=", 1) for part in parts]
            if all(key.strip() and name.strip() for key, name in pairs):
                return {key.strip(): name.strip() for key, name in pairs}
        elif parts and not any("=" in part for part in parts):
            return parts
    elif isinstance(value, Sequence) and all(isinstance(n, str) and n.strip() for n in value):
        return [name.strip() for name in value]
    raise InputError(
        "speaker_names must be names in order ('Zoë,José') or id=name pairs "
        f"('spk_0=Zoë,spk_1=José'), got {value!r}",
        source=source,
    )


_Loaded = TypeVar("_Loaded", Transcript, WordTable)


def _order(speakers: Iterable[str | None], listed: Sequence[Speaker]) -> list[str]:
    """Speaker ids in order of first appearance, then listed ones that never speak."""
    seen = dict.fromkeys(speaker for speaker in speakers if speaker is not None)
    seen.update(dict.fromkeys(speaker.id for speaker in listed))
    return list(seen)


def apply(transcript: _Loaded, options: Mapping[str, Any], *, source: str) -> _Loaded:
    """``transcript`` (or its words as columns) with the generic options in ``options``
    applied."""
    if isinstance(transcript, WordTable):
        listed_speakers = transcript.speaker_list
        spoken: Iterable[str | None] = transcript.speakers
    else:
        listed_speakers = transcript.speakers
        spoken = (word.speaker for word in transcript.words)
    update: dict[str, Any] = {}
    notes = list(transcript.diagnostics)
    language = options.get("language")
    if language is not None:
        if not isinstance(language, str) or not language.strip():
            raise InputError(f"language must be a language tag, got {language!r}", source=source)
        update["language"] = language.strip()
    if options.get("speaker_names") is not None:
        names = parse_speaker_names(options["speaker_names"], source=source)
        order = _order(spoken, listed_speakers)
        mapping = dict(zip(order, names, strict=False)) if isinstance(names, list) else names
        unknown = [key for key in mapping if key not in order]
        if isinstance(names, list) and len(names) > len(order):
            unknown = names[len(order) :]
            notes.append(
                Diagnostic(
                    code="unused-speaker-name",
                    source=source,
                    message=f"{len(names)} speaker names for {len(order)} "
                    f"speaker{'' if len(order) == 1 else 's'}; "
                    f"unused: {', '.join(unknown)}",
                )
            )
        elif unknown:
            raise InputError(
                f"speaker_names names {', '.join(map(repr, unknown))}, not a speaker here "
                f"(speakers: {', '.join(order) or 'none'})",
                source=source,
            )
        listed = {speaker.id: speaker for speaker in listed_speakers}
        update["speakers"] = tuple(
            Speaker(id=key, name=mapping.get(key, listed[key].name if key in listed else key))
            for key in order
        )
        update["diagnostics"] = tuple(notes)
    if not update:
        return transcript
    if isinstance(transcript, WordTable):
        return transcript.replace(
            speaker_list=update.get("speakers"),
            language=update.get("language"),
            diagnostics=update.get("diagnostics"),
        )
    return transcript.model_copy(update=update)


class ReaderOptions(BaseModel):
    """Reader options as a model: ``load(path, options=ReaderOptions(language="es"))``.

    Only the fields set are passed on; a field the chosen reader cannot take is an error
    naming the reader (``time_origin`` is STL's, ``speaker_labels`` the subtitle readers').
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    language: str | None = None
    """Language tag of the transcript (BCP 47, e.g. ``es`` or ``nl-NL``)."""
    speaker_names: list[str] | dict[str, str] | None = None
    """Names in order of first appearance, or speaker id -> name."""
    time_origin: str | None = None
    """STL: ``tcp`` (subtract the programme start), ``zero`` or ``HH:MM:SS:FF``."""
    speaker_labels: Literal["auto", "always", "none"] | None = None
    """Subtitle readers: which row-start ``Name:`` prefixes are speaker labels."""

    def __init__(self, /, **data: Any) -> None:
        """Build the options from keywords; RulesError naming the option when one is bad."""
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise RulesError.from_validation(exc) from None

    def given(self) -> dict[str, Any]:
        """The options that were set, as keywords for :func:`cuecraft.load`."""
        return {name: getattr(self, name) for name in sorted(self.model_fields_set)}
