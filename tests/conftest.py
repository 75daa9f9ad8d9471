"""Shared fixtures: repository paths and one CLI run per sample for the whole session.

The golden tests compare many tables of the same extraction, so each sample is run
through `scr-extract extract` once (in-process, into a temporary folder) and every
test reads that folder.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from golden_compare import Extraction

from extract.app.cli import main

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root (the folder holding pyproject.toml)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def samples_dir(repo_root: Path) -> Path:
    """`samples/`: the sample documents."""
    return repo_root / "samples"


@pytest.fixture(scope="session")
def golden_dir(repo_root: Path) -> Path:
    """`tests/golden/`: the checked ground truth, one folder per document."""
    return repo_root / "tests" / "golden"


@pytest.fixture(scope="session")
def document_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[Path], Extraction]:
    """`document_run(path)`: that document run through the CLI once per session.

    Each document gets its own output folder, so its exit code and errors table
    are its own. Runs are cached for the whole session and shared by every test
    file; a document is only run when a test asks for it.
    """
    runs: dict[Path, Extraction] = {}

    def run(path: Path) -> Extraction:
        key = path.resolve()
        if key not in runs:
            assert path.is_file(), f"document {path} is missing"
            out_dir = tmp_path_factory.mktemp(f"out-{path.stem}-{path.suffix[1:]}")
            stderr = io.StringIO()
            with contextlib.redirect_stderr(stderr):
                code = main(["extract", str(path), "-o", str(out_dir)])
            runs[key] = Extraction(path.name, out_dir, code, stderr.getvalue())
        return runs[key]

    return run


@pytest.fixture(scope="session")
def extracted(
    samples_dir: Path, document_run: Callable[[Path], Extraction]
) -> Callable[[str], Extraction]:
    """`extracted("julia-action-plan.docx")`: that sample, run once (`document_run`)."""
    return lambda name: document_run(samples_dir / name)


@pytest.fixture(scope="session")
def batch_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[str, list[Path]], Extraction]:
    """`batch_run(name, paths)`: those documents (or folders) through one
    `scr-extract extract` run with two workers, a document per core, once per
    session: for the long sets of renderings, read in parallel."""
    runs: dict[str, Extraction] = {}

    def run(name: str, paths: list[Path]) -> Extraction:
        if name not in runs:
            out_dir = tmp_path_factory.mktemp(f"batch-{name}")
            stderr = io.StringIO()
            argv = ["extract", *map(str, paths), "-o", str(out_dir), "--workers", "2"]
            with contextlib.redirect_stderr(stderr):
                code = main([*argv, "-q"])
            runs[name] = Extraction(name, out_dir, code, stderr.getvalue())
        return runs[name]

    return run
