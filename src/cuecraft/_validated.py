"""The base of every user-facing settings model (``Rules``, writer options): a bad value is a
:class:`~cuecraft.errors.RulesError` naming the field, never pydantic's ``ValidationError``."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from cuecraft._quick import QuickMeta
from cuecraft.errors import RulesError

__all__ = ["SettingsModel"]


class SettingsModel(BaseModel, metaclass=QuickMeta):
    """A pydantic model whose construction errors are :class:`RulesError` (one error type
    for the user, with the field that is wrong)."""

    # Built on first validation: a conversion whose settings plainly fit builds none
    # (:mod:`cuecraft._quick`).
    model_config = ConfigDict(defer_build=True)

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise RulesError.from_validation(exc) from None
