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
def extracted(
    samples_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], Extraction]:
    """`extracted("julia-action-plan.docx")`: that sample run through the CLI once.

    Each sample gets its own output folder, so its exit code and errors table are
    its own. Runs are cached for the session; a sample is only run when a test asks.
    """
    runs: dict[str, Extraction] = {}

    def run(name: str) -> Extraction:
        if name not in runs:
            path = samples_dir / name
            assert path.is_file(), f"sample {path} is missing"
            out_dir = tmp_path_factory.mktemp(f"out-{path.stem}-{path.suffix[1:]}")
            stderr = io.StringIO()
            with contextlib.redirect_stderr(stderr):
                code = main(["extract", str(path), "-o", str(out_dir)])
            runs[name] = Extraction(name, out_dir, code, stderr.getvalue())
        return runs[name]

    return run
