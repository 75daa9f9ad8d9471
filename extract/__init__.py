"""Reading plans: a reader per format, the application around them, writers, commands.

- `extract.read`: picks the reader for a file by what its bytes are.
- `extract.pdf`, `extract.docx`: the format readers; each turns a file into
  `schemas.blocks` (paragraphs and tables on a column grid), nothing more.
- `extract.app`: one document end to end, batches in worker processes, the
  Python API and the command line.
- `extract.write`: the output files (Parquet, CSV, the Excel workbook).
- `extract.commands`: `check`, `summary` and `inspect`.

Imports run one way: `extract` uses `normalise` and `schemas`; neither of those
imports `extract`.
"""
