"""Generators of the inspection-report fixtures: one text, several PDF producers and the HTML page.

`python -m tests.reportgen` rewrites `tests/data/reports/` and the bundled report in
`documents/`; the text lives in `content.py` (written for these fixtures, in the
inspectorate's layout), each producer in its own module.
"""
