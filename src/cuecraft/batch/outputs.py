"""One input's outputs: segmented once per set of fitted rules, then rendered per format.

A writer may fit the rules to what its display can show (room for the speaker labels it
adds, its frame rate); formats whose fitted rules are equal lay out the same cues. So a batch
writing SRT, WebVTT and TTML of one input segments it once, not once per format (issue #12):
:class:`Segmentations` keeps one segmentation per distinct fitted rule set, made when a format
first asks for it, and every format gets its bytes from :func:`cuecraft.api.render` with those
cues: the same fidelity check, the same diagnostics, the same bytes as segmenting anew.

:func:`effective_rules` is the one place the batch asks a writer about its rules.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from cuecraft import api
from cuecraft._files import atomic_write
from cuecraft.batch.storage import StorageOptions, is_url, write_bytes
from cuecraft.columns import WordTable
from cuecraft.errors import OutputError
from cuecraft.segment import Rules, TableSegmentation, fit_rules, segment_table
from cuecraft.writers import WriterSpec, get_writer

__all__ = ["Segmentations", "effective_rules", "write_output"]


def effective_rules(rules: Rules, spec: WriterSpec, options: BaseModel) -> Rules:
    """The rules ``spec`` segments with: ``rules`` fitted to what its display can show (as
    :func:`cuecraft.api.render` fits them)."""
    return fit_rules(rules, spec.display(options) if spec.display else None)


class Segmentations:
    """The segmentations of one transcript, one per distinct set of rules, each made the
    first time it is asked for (and its failure, if it failed, given again to every format
    that asks for it again)."""

    def __init__(self, words: WordTable) -> None:
        self.words = words
        # Rules compared by their values and by which fields were set: language defaults
        # replace only the fields the user did not set (segment.resolve_rules), so two rule
        # sets equal in value but not in what was set may segment differently.
        self._made: list[tuple[tuple[Rules, frozenset[str]], TableSegmentation | Exception]] = []

    def __len__(self) -> int:
        return len(self._made)

    def get(self, rules: Rules) -> TableSegmentation:
        """The transcript segmented with ``rules``.

        Raises:
            What segmenting raises (the same error for every format that shares the rules).
        """
        key = (rules, frozenset(rules.model_fields_set))
        for made_with, result in self._made:
            if made_with == key:
                if isinstance(result, Exception):
                    raise result
                return result
        try:
            segmentation = segment_table(self.words, rules)
        except Exception as exc:
            self._made.append((key, exc))
            raise
        self._made.append((key, segmentation))
        return segmentation


def write_output(
    transcript: WordTable,
    name: str,
    target: str,
    *,
    rules: Rules,
    options: BaseModel | None,
    segmentations: Segmentations,
    storage_options: StorageOptions | None = None,
) -> None:
    """Render ``transcript`` as format ``name`` and store it whole at ``target`` (a path or a
    URL), segmenting only if no earlier format of this input had the same fitted rules.

    Raises:
        CuecraftError: what rendering or storing raises, with ``target`` on output errors.
    """
    spec = get_writer(name)
    validated = api.make_options(spec, options)
    if not is_url(target):
        # With keep_folders an output may go to a sub-folder not made yet.
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    segmentation: TableSegmentation | None = None
    try:
        if spec.takes == "cues":
            fitted = effective_rules(rules, spec, validated)
            segmentation = segmentations.get(fitted)
        data, _ = api.render(
            transcript,
            spec,
            # A writer that never segments gets no rules (write() would refuse them).
            rules=rules if spec.takes == "cues" else None,
            options=validated,
            segmentation=segmentation,
        )
    except OverflowError as exc:
        # As api.render says it: a time too large for a float (10**400 ms).
        error = OutputError(f"a time too large to write as {spec.name} ({exc})", target=target)
        raise error from exc
    except OutputError as exc:
        raise exc.with_target(target) from exc.__cause__
    if is_url(target):
        write_bytes(target, data, storage_options)
    else:
        atomic_write(data, Path(target))
