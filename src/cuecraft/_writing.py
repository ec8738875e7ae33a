"""Choosing a writer (by name or by the target's extension) and validating its options."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from cuecraft._quick import quick_construct
from cuecraft.errors import OutputError, RulesError, UnknownFormatError
from cuecraft.writers import WRITERS, WriterSpec, get_writer

__all__ = ["make_options", "writer_for"]


def writer_for(target: str | os.PathLike[str] | None, format: str | None) -> WriterSpec:
    """The writer named by ``format``, else the one for the target's extension."""
    if format is not None:
        return get_writer(format)
    if target is None or str(target) == "-":
        raise OutputError("cannot tell the output format; pass format=", target=str(target))
    name = Path(target).name.lower()
    # Matched on the registry's infos: only the chosen writer's module is imported.
    infos = WRITERS.infos()
    matches = [info for info in infos if any(name.endswith(ext) for ext in info.extensions)]
    if not matches:
        known = sorted(ext for info in infos for ext in info.extensions)
        raise UnknownFormatError(Path(target).suffix or name, known, what="output extension")
    # The longest matching extension wins (".cuecraft.json" over ".json").
    best = max(matches, key=lambda i: max(len(e) for e in i.extensions if name.endswith(e)))
    return WRITERS[best.name]


def make_options(spec: WriterSpec, options: BaseModel | Mapping[str, Any] | None) -> BaseModel:
    """Validate writer options (a model instance or a mapping) for ``spec``.

    Raises:
        RulesError: naming the option that is wrong.
    """
    if isinstance(options, spec.options):
        return options
    if isinstance(options, BaseModel):
        raise RulesError(
            f"the {spec.name} writer takes {spec.options.__name__}, not {type(options).__name__}",
            field="options",
        )
    values = dict(options or {})
    quick = quick_construct(spec.options, values)
    if quick is not None:
        return quick
    try:
        return spec.options.model_validate(values)
    except ValidationError as exc:
        raise RulesError.from_validation(exc) from None
