"""The normaliser's result: one document's rows for each output table."""

from __future__ import annotations

from dataclasses import dataclass, field

from normalise.columns import ColumnMap
from schemas.blocks import Table
from schemas.rows import Record

__all__ = ["Issue", "Record", "TableSet"]


@dataclass(frozen=True, slots=True)
class Issue:
    """A data problem that did not stop the document (unknown status, agency...)."""

    code: str
    message: str
    page: int | None = None
    row: int | None = None

    def __str__(self) -> str:
        where = [f"page {self.page}"] if self.page else []
        where += [f"row {self.row}"] if self.row else []
        suffix = f" ({', '.join(where)})" if where else ""
        return f"{self.code}: {self.message}{suffix}"


@dataclass(slots=True)
class TableSet:
    """Rows of the four output tables for one document, before source columns."""

    document: Record = field(default_factory=dict)
    findings: list[Record] = field(default_factory=list)
    questions: list[Record] = field(default_factory=list)
    actions: list[Record] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    # The tables read as action tables, with their header map: what `coverage`
    # measures the output against.
    action_tables: list[tuple[Table, ColumnMap]] = field(default_factory=list)
