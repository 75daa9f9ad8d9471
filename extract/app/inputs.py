"""The documents a run reads, from the paths the user gave: each once, each with a
`source` name that tells it apart from every other.

`source` is the file's path relative to the common root of the paths given (the
folder, for one folder), so `thurrock/plan.docx` and `fenbridge/plan.docx` stay two
documents. A file whose bytes equal an earlier input's (the same file named twice,
or named and also found in its folder) is read once and listed as a duplicate.
Folders are walked in sorted order; files of other types in them are counted, so
the run can say how many it skipped. The run's own output folder, when it lies
inside a folder given, is not walked: its tables are not inputs. Nor are the files
an earlier run wrote (those its folder's `manifest.json` lists): a workbook
`scr-extract.xlsx` is a supported type, but it is our output, not a plan.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extract.read import SUFFIXES
from extract.write.folder import MANIFEST, read_manifest

# Word's lock files ("~$plan.docx") sit beside an open document; never a plan.
LOCK_PREFIX = "~$"
_CHUNK = 1 << 20


class MissingInput(ValueError):
    """A path given does not exist: a usage error, found before any work."""


@dataclass(frozen=True, slots=True)
class Input:
    """One document to read: where it is, and the name its rows carry."""

    path: Path
    source: str


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An input not read because an earlier one has the same bytes."""

    source: str
    same_as: str


@dataclass(slots=True)
class Inputs:
    """The run's documents, the duplicates left out, and files of other types."""

    documents: list[Input] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    skipped: int = 0


def gather(paths: Sequence[Path], outdir: Path | None = None) -> Inputs:
    """The documents in `paths` (files as given, folders walked, `outdir` left
    out); raise `MissingInput` for a path that does not exist."""
    for path in paths:
        if not path.exists():
            raise MissingInput(f"no such file or folder: {path}")
    found = Inputs()
    files: list[Path] = []
    own = _absolute(outdir) if outdir is not None else None
    outputs = _EarlierOutputs()
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if own is not None and own in _absolute(child).parents:
                    continue
                if outputs.holds(child):
                    continue
                if is_plan_file(child):
                    files.append(child)
                else:
                    found.skipped += 1
        else:
            files.append(path)
    root = _common_root(paths)
    seen: dict[str, str] = {}  # content digest -> the source read for it
    taken: set[Path] = set()
    for path in files:
        absolute = _absolute(path)
        if absolute in taken:
            continue
        taken.add(absolute)
        source = _source(absolute, root)
        digest = _digest(path)
        if digest is not None and digest in seen:
            found.duplicates.append(Duplicate(source, seen[digest]))
            continue
        if digest is not None:
            seen[digest] = source
        found.documents.append(Input(path, source))
    return found


class _EarlierOutputs:
    """The files each folder's scr-extract manifest lists, read once per folder."""

    def __init__(self) -> None:
        self._listed: dict[Path, set[str]] = {}

    def holds(self, path: Path) -> bool:
        folder = path.parent
        if folder not in self._listed:
            manifest = read_manifest(folder) or {}
            names: set[str] = set()
            if manifest.get("tool") == "scr-extract":
                names.add(MANIFEST)
                for key in ("files", "errors_files"):
                    listed = manifest.get(key, [])
                    names |= {n for n in listed if isinstance(n, str)}
            self._listed[folder] = names
        return path.name in self._listed[folder]


def is_plan_file(path: Path) -> bool:
    """Whether a file found in a folder is read: a supported type, not a lock file."""
    return path.suffix.lower() in SUFFIXES and not path.name.startswith(LOCK_PREFIX)


def _absolute(path: Path) -> Path:
    """The path made absolute and normalised, symbolic links left as named."""
    return Path(os.path.abspath(path))


def _common_root(paths: Sequence[Path]) -> Path:
    """The deepest folder holding every path given (a folder holds itself)."""
    folders = [_absolute(p) if p.is_dir() else _absolute(p).parent for p in paths]
    try:
        return Path(os.path.commonpath(folders))
    except ValueError:  # no common root (different drives on Windows)
        return Path(folders[0].anchor)


def _source(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _digest(path: Path) -> str | None:
    """SHA-256 of the file's bytes; None when it cannot be read (the reader will
    report why) or is empty (two empty files are two broken inputs, each with its
    own error, not one document given twice)."""
    digest = hashlib.sha256()
    try:
        if path.stat().st_size == 0:
            return None
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()
