"""CSV cells a spreadsheet shows as text instead of running as a formula.

Spreadsheets read a cell that begins with =, +, - or @ as a formula (a leading tab or
carriage return can hide one), so a description such as =HYPERLINK(...) typed by anyone would
run on the machine of whoever opens the download. As OWASP's advice on CSV injection has it,
such a cell goes out with a single quote in front, which spreadsheets take as "this is text".
The cost: a note that really begins with "-" reads "'-" in a plain text editor.
"""

import csv
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The same test as a PostgreSQL regular expression: Python puts the tab and carriage return
# characters themselves in the class, and "-" goes last so it is not a range.
FORMULA_SQL = "^[\t\r=+@-]"


def inert(text: str) -> str:
    """`text`, with a single quote in front when a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _LineFeeds:
    """Rows written with CRLF line ends, passed on with LF ones."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, line: str) -> int:
        return self.out.write(line[:-2] + "\n")


def lf_writer(out: IO[str]) -> Any:
    """A csv writer whose lines end in a line feed (as PostgreSQL's COPY writes them) and which
    quotes a field holding a carriage return (as COPY does). The csv module quotes only its
    line end's characters, so with a bare "\n" it leaves a lone "\r" unquoted, and readers
    split the record there: a "\r=1+1" would become a row of its own, starting with a
    formula. Each line is written CRLF and its end cut to LF."""
    return csv.writer(_LineFeeds(out), lineterminator="\r\n")
