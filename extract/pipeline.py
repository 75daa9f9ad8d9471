"""One document end to end (read, normalise, add source columns) and batches of them.

A document either yields its tables or one `Failure` with a one-line reason; a batch
never stops on a bad file, and its output keeps the input order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extract import SUFFIXES, read_document
from extract.errors import ExtractError
from normalise import normalise
from normalise.agencies import Registry
from normalise.tableset import TableSet

TABLE_NAMES = ("documents", "findings", "questions", "actions")


@dataclass(frozen=True, slots=True)
class Failure:
    """Why one input produced no tables."""

    source: str
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def extract_file(path: Path, registry: Registry | None = None) -> TableSet:
    """The four tables of one document; every row carries `source` and `doc_id`."""
    doc = read_document(path)
    tables = normalise(doc, registry)
    keys = {"source": path.name, "doc_id": doc.sha256[:16]}
    tables.document = {
        **keys,
        "format": doc.format,
        **tables.document,
        "pages": doc.pages,
        "findings": len(tables.findings),
        "questions": len(tables.questions),
        "actions": len(tables.actions),
        "issues": json.dumps([str(i) for i in tables.issues], ensure_ascii=False),
    }
    for rows in (tables.findings, tables.questions, tables.actions):
        for row in rows:
            row.update(keys)
    return tables


def extract_one(path: Path, registry: Registry | None = None) -> TableSet | Failure:
    """`extract_file`, with a failure returned as a value instead of raised."""
    try:
        return extract_file(path, registry)
    except ExtractError as exc:
        return Failure(path.name, exc.kind, str(exc))
    except Exception as exc:  # a reader bug must not end the batch
        return Failure(path.name, "internal_error", f"{type(exc).__name__}: {exc}")


def find_inputs(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and folders walked (sorted) for .pdf and .docx files."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not p.name.startswith("~$")
            )
        else:
            yield path
