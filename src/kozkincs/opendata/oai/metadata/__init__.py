"""The metadata formats of the repository: a neutral :class:`Description` of a public record
(``description.py``) written out as Dublin Core (``dublin_core.py``) or EDM (``edm.py``)."""
