"""The data files cuecraft ships (word lists, boundary models, presets), read as plain files.

``importlib.resources`` imports zipfile, shutil and the archive modules before it reads
anything, about 45 M instructions that every conversion paid at start-up (issue #12). A
package installed as files (pip's normal install) is read straight from its folder; one
imported from a zip archive goes through ``importlib.resources`` as before.
"""

from __future__ import annotations

import os

__all__ = ["package_text"]


def package_text(package: str, module_file: str, *parts: str) -> str | None:
    """The UTF-8 text of ``parts`` (``"data", "words_en.json"``) inside ``package``, whose
    module ``module_file`` (its ``__file__``) is; None when there is no such file."""
    folder = os.path.dirname(module_file)
    if os.path.isdir(folder):
        try:
            with open(os.path.join(folder, *parts), encoding="utf-8") as stream:
                return stream.read()
        except (FileNotFoundError, IsADirectoryError):
            return None
    from importlib import resources  # the package lives in an archive

    source = resources.files(package).joinpath(*parts)
    return source.read_text(encoding="utf-8") if source.is_file() else None
