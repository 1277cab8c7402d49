"""Inspection reports, whatever their format: blocks (headings, paragraphs, items, table rows)
→ sections, key findings, recommendations and ratings (`structure`), and the report's own
metadata from its title page and front matter (`front`). The PDF parser (`parse.pdf`) and the
inspectorate's HTML report pages (`parse.html.sites.hmip_report`) both produce blocks."""
