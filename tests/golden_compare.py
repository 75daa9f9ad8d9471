"""The golden comparer for the tests (`extract.commands.check`), plus a run's record.

The comparison itself lives in `extract.commands.check` so that `scr-extract check`
and the regression tests judge cells the same way; this module only re-exports
it and adds `Extraction`, which exists for the tests' session fixture.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extract.commands.check import TABLES, compare_folder, describe, load_golden

__all__ = ["TABLES", "Extraction", "compare_folder", "describe", "load_golden"]


@dataclass(frozen=True)
class Extraction:
    """One CLI run on one sample: output folder, exit code and what went to stderr."""

    source: str
    out_dir: Path
    exit_code: int
    stderr: str
