"""Today's date for file headers (EBU-STL CD/RD, DOCX properties), reproducible on request.

Writers stamp real dates by default. For byte-identical output (tests, builds), set the
reproducible-builds variable ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC), or pass the
date as an option (``creation_date``, ``created``).
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

__all__ = ["now", "today"]


def now() -> datetime:
    """The current UTC time to the second, or ``SOURCE_DATE_EPOCH`` when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def today() -> date:
    """The current UTC date, or that of ``SOURCE_DATE_EPOCH`` when it is set."""
    return now().date()
