"""EBU-STL codec (EBU Tech 3264-E), shared by :mod:`cuecraft.readers.stl` and
:mod:`cuecraft.writers.stl`: the GSI and TTI block layouts and codes (:mod:`.layout`), the
character tables (:mod:`.iso6937`) and time codes (:mod:`.timecode`)."""
