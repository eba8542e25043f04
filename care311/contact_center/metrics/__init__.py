"""The metrics engine: named definitions (definitions.py) over additive sums (sums.py), kept
per quarter-hour (summaries.py) and grouped in the city's time zone (grouping.py) into
reports (report.py)."""
