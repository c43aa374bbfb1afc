"""CSV files the town is given (GTFS feeds, car parks), read row by row with their lines.

A file broken beyond one row (a field longer than the csv module accepts, most often a
quote left open, or bytes that are not UTF-8) cannot be read further: it is one
:class:`CsvBroken` problem with the file and the line where the broken record starts,
never an internal error.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TextIO

from guichet.content.pack.yamlsrc import Problem


class CsvBroken(Exception):
    """The file cannot be read past ``problem.line``."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _explain(err: csv.Error) -> str:
    text = str(err)
    if "field limit" in text:
        return (f"a field longer than {csv.field_size_limit():,} characters starts on this "
                "line (most often a quote '\"' left open); the file is not read further")
    return f"unreadable CSV ({text}); the file is not read further"


def dict_rows(handle: TextIO, file: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) pairs of a CSV with a header; names and values are stripped, a missing
    value is ``""``. Raise :class:`CsvBroken` where the file stops being readable."""
    reader = csv.DictReader(handle)
    start = 1
    try:
        if reader.fieldnames:
            reader.fieldnames = [name.strip() for name in reader.fieldnames]
        while True:
            start = reader.line_num + 1
            row = next(reader, None)
            if row is None:
                return
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}
    except csv.Error as err:
        raise CsvBroken(Problem(file, start, _explain(err))) from None
    except UnicodeDecodeError:
        raise CsvBroken(Problem(file, start, "not UTF-8 text near this line; save the file "
                                "as UTF-8")) from None
