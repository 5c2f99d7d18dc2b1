"""Reports: the personalised PDF (reportlab, vector charts, bundled DejaVu fonts) and the Plotly
figures the app draws from the same chart data.

Entry points: :func:`reports.pdf.build_report` (bytes of the PDF),
:mod:`reports.chartdata` (what the charts show), :mod:`reports.charts` (reportlab drawings),
:mod:`reports.figures` (Plotly figures); ``maturity report`` lives in :mod:`cli.report`.
Nothing is imported here, so importing the package does not load reportlab.
"""
