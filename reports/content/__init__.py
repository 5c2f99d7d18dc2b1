"""The report content model: the report as frozen blocks, built from scored results with no
knowledge of any renderer (see :mod:`reports.content.model`)."""
