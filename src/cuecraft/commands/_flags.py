"""The command-line flags generated from Rules and every writer's options model.

Flags are generated, never written by hand, so a writer registered later gets its flags with
no CLI change:

* every field of :class:`~cuecraft.Rules` and of each registered writer's options model becomes
  a flag named after it (``max_chars_per_row`` -> ``--max-chars-per-row``). A ``bool`` field
  gives ``--x/--no-x``, a ``Literal`` gives a choice (control characters shown escaped, so
  ``eol`` takes ``'\\n'`` or ``'\\r\\n'``), ``int``/``float``/``str``/``date`` take a value, and
  an optional field whose default is not None also gets ``--no-x`` (sets it to None). Fields
  of other types (lists, tables) get no flag;
* fields of the same name share one flag, applied to whichever of them the chosen writer uses:
  ``--eol`` sets ``SrtOptions.eol`` for SRT and ``VttOptions.eol`` for WebVTT, and
  ``--max-chars-per-row`` sets the rule for subtitle formats and the TXT wrap width for TXT;
* a flag that applies to nothing the chosen writer uses is a usage error naming it; rules
  apply only to writers that take cues (the others never segment);
* a field whose flag would clash with a command's own flag (:data:`RESERVED`) is renamed
  ``--<owner>-<field>`` (DOCX's ``title`` would be ``--docx-title`` if a command took
  ``--title``). Amberscript's export options keep their names (``--max-chars-per-row``) or get
  aliases: ``--max-number-of-rows`` for ``--max-rows``, ``--max-screen-time-per-row`` and
  ``--no-max-screen-time`` for ``--max-row-seconds`` and ``--no-max-row-seconds``.

Values are converted per field (``TypeAdapter.validate_strings``) and then validated by the
model itself, so ranges and cross-field checks live in one place, the model.

Reading the flags back into rules and options is :mod:`cuecraft.commands._settings`; what
the commands print (errors in the CLI's own terms, exit statuses) is
:mod:`cuecraft.commands._report`.
"""

from __future__ import annotations

import ast
import datetime
import functools
import inspect
import itertools
import re
import textwrap
import types
import typing
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, NamedTuple

import msgspec
from pydantic import BaseModel

from cuecraft.segment import Rules
from cuecraft.writers import WRITERS, WriterSpec

__all__ = [
    "RESERVED",
    "RULES",
    "Flag",
    "FlagTable",
    "Target",
    "build_flag_table",
    "flag_help",
    "flag_table",
    "metavar",
    "plain",
    "token",
]

RULES = "rules"
"""The owner name of the segmentation-rule fields in the flag table."""

RESERVED = frozenset(
    {
        "debug",
        "force",
        "format",
        "from",
        "help",
        "help-format",
        "input",
        "input-encoding",
        "input-format",
        "input-speaker-labels",
        "jobs",
        "json",
        "language",
        "lenient",
        "list",
        "max-bytes",
        "max-memory",
        "name-template",
        "output",
        "output-dir",
        "preset",
        "quiet",
        "recursive",
        "rules",
        "show",
        "speaker-names",
        "strict",
        "time-origin",
        "timeout",
        "to",
        "validate",
        "version",
    }
)
"""Flag names the commands keep for themselves; a generated flag never takes one."""

# Amberscript's export option names (seed 000: maxCharsPerRow, maxNumberOfRows,
# maxScreenTimePerRowSeconds) as aliases: (value aliases, --no- aliases).
_RULE_ALIASES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "max_rows": (("--max-number-of-rows",), ()),
    "max_row_seconds": (("--max-screen-time-per-row",), ("--no-max-screen-time",)),
}

_VALUE_TYPES: tuple[Any, ...] = (
    int,
    float,
    str,
    Decimal,
    Path,
    datetime.date,
    datetime.datetime,
    datetime.time,
)


class Target(NamedTuple):
    """One model field a flag sets: ``owner`` is :data:`RULES` or a writer name."""

    owner: str
    field: str
    annotation: Any
    default: Any
    kind: Literal["bool", "choice", "value"]
    choices: tuple[Any, ...] = ()
    nullable: bool = False
    description: str = ""
    model: type[BaseModel] | None = None

    @property
    def doc(self) -> str:
        """The field's description, else its docstring (read from the source on first use:
        parsing every model's source costs ~100 ms, which only --help and formats need)."""
        if self.description or self.model is None:
            return self.description
        return _attribute_docs(self.model).get(self.field, "")


# A msgspec Struct, not a dataclass: made in C, it compiles no methods from source when
# this module is imported (a frozen dataclass costs about 1 ms of start-up; issue #12).
class Flag(msgspec.Struct):
    """A generated flag and the fields it sets."""

    key: str
    targets: list[Target] = msgspec.field(default_factory=list)

    @property
    def option(self) -> str:
        return f"--{self.key}"

    @property
    def dest(self) -> str:
        return "setting__" + self.key.replace("-", "_")

    @property
    def owners(self) -> list[str]:
        return list(dict.fromkeys(target.owner for target in self.targets))

    @property
    def is_bool(self) -> bool:
        return all(target.kind == "bool" for target in self.targets)

    @property
    def choices(self) -> list[str] | None:
        if not all(target.kind == "choice" for target in self.targets):
            return None
        return list(dict.fromkeys(token(c) for target in self.targets for c in target.choices))

    @property
    def negatable(self) -> bool:
        """Whether ``--no-x`` exists to set the field to None."""
        return any(target.nullable and target.default is not None for target in self.targets)

    def aliases(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        for target in self.targets:
            if target.owner == RULES and target.field.replace("_", "-") == self.key:
                return _RULE_ALIASES.get(target.field, ((), ()))
        return ((), ())


class FlagTable(NamedTuple):
    """Every generated flag, and where each model field's flag is."""

    flags: tuple[Flag, ...]

    def flag_for(self, owner: str, name: str | None) -> Flag | None:
        """The flag that sets field ``name`` of ``owner`` (None when it has none)."""
        for flag in self.flags:
            if any(t.owner == owner and t.field == name for t in flag.targets):
                return flag
        return None


def token(value: Any) -> str:
    """How a choice is written on the command line (``"\\r\\n"`` for CR LF)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value if value.isprintable() else value.encode("unicode_escape").decode("ascii")
    return str(value)


def _analyse(annotation: Any) -> tuple[Literal["bool", "choice", "value"], tuple[Any, ...], bool]:
    """(kind, choices, nullable) of a field type; raises TypeError for unsupported types."""
    nullable = False
    inner = annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        nullable = len(members) < len(typing.get_args(annotation))
        if len(members) == 1:
            inner = members[0]
        elif all(m in _VALUE_TYPES for m in members):
            return "value", (), nullable
        else:
            raise TypeError(f"unsupported union {annotation!r}")
    if inner is bool:
        return "bool", (), nullable
    if typing.get_origin(inner) is Literal:
        choices = typing.get_args(inner)
        if all(isinstance(choice, (str, int, float)) for choice in choices):
            return "choice", choices, nullable
        raise TypeError(f"unsupported literal {inner!r}")
    if inner in _VALUE_TYPES:
        return "value", (), nullable
    raise TypeError(f"unsupported type {inner!r}")


@functools.cache
def _attribute_docs(model: type[BaseModel]) -> dict[str, str]:
    """Field docstrings (a string literal right after the field), read from the source."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or cls is BaseModel:
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
        except (OSError, TypeError, SyntaxError):
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for node, following in itertools.pairwise(body):
            if (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                docs[node.target.id] = " ".join(following.value.value.split())
    return docs


def _targets(owner: str, model: type[BaseModel]) -> Iterable[Target]:
    for name, info in model.model_fields.items():
        try:
            kind, choices, nullable = _analyse(info.annotation)
        except TypeError:
            continue  # no command-line form (lists, tables): set it through the API instead
        yield Target(
            owner,
            name,
            info.annotation,
            info.default,
            kind,
            choices,
            nullable,
            info.description or "",
            model,
        )


def build_flag_table(
    rules: type[BaseModel], writers: Mapping[str, WriterSpec], reserved: frozenset[str]
) -> FlagTable:
    """The flags for ``rules`` and the writers' options (sorted by writer name)."""
    flags: dict[str, Flag] = {}
    owners: list[tuple[str, type[BaseModel]]] = [(RULES, rules)]
    owners += [(name, writers[name].options) for name in sorted(writers)]
    for owner, model in owners:
        for target in _targets(owner, model):
            key = target.field.replace("_", "-")
            if key in reserved or f"no-{key}" in reserved or key.startswith("no-"):
                key = f"{owner}-{key}"
            flags.setdefault(key, Flag(key)).targets.append(target)
    return FlagTable(tuple(flags.values()))


@functools.cache
def flag_table() -> FlagTable:
    """The flag table of :class:`Rules` and every registered writer."""
    return build_flag_table(Rules, WRITERS, RESERVED)


def metavar(flag: Flag) -> str:
    """How a flag's value is shown: N, X, MS, S, YYYY-MM-DD or TEXT."""
    name = flag.targets[0].field
    if name.endswith("_ms"):
        return "MS"
    if name.endswith(("_seconds", "_s")):
        return "S"
    annotations: set[Any] = set()
    for target in flag.targets:
        if target.kind == "choice":
            annotations.update(type(choice) for choice in target.choices)
        else:
            annotations.update(typing.get_args(target.annotation) or [target.annotation])
    annotations.discard(type(None))
    if annotations == {int}:
        return "N"
    if annotations <= {int, float}:
        return "X"
    if annotations == {datetime.date}:
        return "YYYY-MM-DD"
    return "TEXT"


_ROLE = re.compile(r":[a-z]+:`~?(?:[\w.]+\.)?([^`<]+?)(?:\s*<[^>]*>)?`")


def plain(doc: str) -> str:
    """A docstring for people: no reST markup (``x``, :class:`X`), no Python ``None``."""
    text = _ROLE.sub(lambda match: match.group(1), doc)
    text = text.replace("``", "").replace("**", "")
    text = re.sub(r"\bNone\b", "unset", text)
    return re.sub(r"\bTrue\b", "on", re.sub(r"\bFalse\b", "off", text))


def _brief(doc: str) -> str:
    """The first sentence, without its parenthesised asides (for ``--help``)."""
    text = re.sub(r"\s*\([^()]*\)", "", doc)
    first = re.split(r"(?<=[.;:])\s", text, maxsplit=1)[0].rstrip(".;:")
    return first or doc


def flag_help(flag: Flag, *, brief: bool = False) -> str:
    """The help text of a generated flag: its field's docstring, owners and default."""
    # Shared flags: the fullest description (VTT's speaker_labels lists "voice" too).
    doc = plain(max((t.doc for t in flag.targets), key=len, default=""))
    if brief:
        doc = _brief(doc)
        if flag.negatable:
            doc += f"; --no-{flag.key} switches it off"
    owners = flag.owners
    if owners != [RULES] and not brief:
        doc += f" [{', '.join(owners)}]"
    shown = [t for t in flag.targets if t.owner == RULES] or flag.targets
    if len(shown) == 1 and shown[0].default not in (None, ""):
        doc += f" (default: {token(shown[0].default)})"
    return doc.strip().replace("%", "%%")
