"""The comparison report: one self-contained HTML page, Markdown, or an Excel workbook.

    >>> import consult
    >>> corpus = consult.load("examples/data/kaist_2023_annual_report.txt")   # doctest: +SKIP
    >>> report = consult.build_report(corpus)                                  # doctest: +SKIP
    >>> report.write("report.html")                                            # doctest: +SKIP

``write_report(corpus, "report.html")`` does both steps. See ``docs/report.md`` for how to read
the result and ``docs/api.md`` for the options.

The package is named ``consult.report``; its entry points are the functions
:func:`build_report` and :func:`write_report` (there is deliberately no function called
``report``, so that the package is never shadowed).
"""

from __future__ import annotations

from .builder import FORMATS, Report, build_report, write_report

__all__ = ["Report", "build_report", "write_report", "FORMATS"]
