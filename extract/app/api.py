"""The Python API: one call from a plan's file to its tables as pandas DataFrames.

For analysts working in notebooks, who want the tables of one plan without
writing files first. The frames come from the same typed Arrow tables as the
Parquet and CSV outputs, so their columns and types are the schemas' own; whole
number columns that may be empty (`page`, `page_start`) are pandas' nullable
`Int32`, not floats; `overdue` is the nullable `boolean`, and dates are datetime64.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

from extract.app.pipeline import Failure, extract_tables
from normalise.agencies import Registry, load_registry
from schemas.errors import ExtractError

# Arrow integer and boolean types to pandas' nullable ones, so an empty cell stays
# NA and the column stays whole numbers (or true/false). Dates become datetime64
# (an empty date is NaT), so they compare and sort as dates.
_NULLABLE = {
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
}


class PlanError(ExtractError):
    """The document could not be extracted; `kind` is the `errors` table's kind."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(str(failure))
        self.kind = failure.kind


@dataclass(frozen=True)
class Plan:
    """One plan's tables: `documents` has one row, the others one row per item."""

    documents: pd.DataFrame
    findings: pd.DataFrame
    questions: pd.DataFrame
    actions: pd.DataFrame


def read_plan(path: str | Path, registry: Registry | str | Path | None = None) -> Plan:
    """Extract one action plan file; raise `PlanError` if it cannot be.

    `registry` is an agency registry to use instead of the built-in one: the path
    of a registry JSON file, or one loaded by `normalise.agencies.load_registry`.
    A registry file that cannot be read raises `OSError` or `ValueError`."""
    path = Path(path)
    if isinstance(registry, (str, Path)):
        registry = load_registry(Path(registry))
    if path.is_dir():
        raise PlanError(Failure(path.name, "load_error", "is a folder, not a file"))
    result = extract_tables(path, registry=registry)
    if isinstance(result, Failure):
        raise PlanError(result)
    frames = {
        name: table.to_pandas(types_mapper=_NULLABLE.get, date_as_object=False)
        for name, table in result.tables.items()
    }
    return Plan(**frames)
