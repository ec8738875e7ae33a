"""Tools built on the public API: :mod:`~cuecraft.tools.check` (subtitle files measured
against segmentation rules) and :mod:`~cuecraft.tools.info` (what a transcript file holds and
what its reader could not map).

They use only :mod:`cuecraft.api`, the reader and writer registries' public names
(:mod:`cuecraft.readers`, :mod:`cuecraft.writers`) and the model, and dispatch on what each
reader's spec declares (``read_cues``, ``frame_rate``, ``schema``): a new format needs no
change here. Batch conversion is :mod:`cuecraft.batch`, on the same footing.
"""
