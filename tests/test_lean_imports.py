"""What each process of `scr-extract extract` loads (issue 16): the command starts
without the readers and writers, a worker loads only its format's reader and never
the writers, and writing the tables loads neither pandas nor openpyxl (unless a
workbook is asked for). Each check runs in a fresh interpreter, since the test
process itself has everything loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("pyarrow", "numpy", "pandas", "openpyxl", "tqdm", "pdfplumber", "docx")


def _loaded_after(code: str, cwd: Path) -> set[str]:
    """The top-level packages among HEAVY loaded once `code` has run."""
    probe = (
        f"{code}\nimport json, sys\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} "
        f"& set({HEAVY!r}))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_command_starts_without_readers_or_writers(repo_root: Path) -> None:
    assert _loaded_after("import extract.app.cli", repo_root) == set()


def test_the_fork_server_preloads_no_reader_or_writer(repo_root: Path) -> None:
    assert _loaded_after("import extract.app.pipeline", repo_root) == set()


def test_a_word_worker_loads_no_heavy_package(
    repo_root: Path, samples_dir: Path
) -> None:
    """The Word reader opens the package with zipfile and lxml: not even
    python-docx (which only builds the samples) is loaded."""
    path = samples_dir / "julia-action-plan.docx"
    code = (
        "from pathlib import Path\n"
        "from extract.app.pipeline import extract_tables\n"
        f"assert extract_tables(Path({str(path)!r})).rows['actions']\n"
    )
    assert _loaded_after(code, repo_root) == set()


def test_writing_the_tables_loads_neither_pandas_nor_openpyxl(
    repo_root: Path, samples_dir: Path, tmp_path: Path
) -> None:
    path = samples_dir / "julia-action-plan.docx"
    code = (
        "from extract.app.cli import main\n"
        f"assert main(['extract', {str(path)!r}, '-o', {str(tmp_path)!r}, "
        "'-q']) == 0\n"
    )
    assert _loaded_after(code, repo_root) == {"pyarrow", "numpy"}
    assert (tmp_path / "actions.parquet").is_file()
    assert (tmp_path / "actions.csv").is_file()


def test_pandas_works_after_the_writers_kept_it_out(repo_root: Path) -> None:
    """`load_writers` hides pandas from pyarrow's first conversion only: pandas
    imports afterwards, and pyarrow converts to and from it."""
    code = (
        "import math\n"
        "from extract.write.files import load_writers\n"
        "load_writers()\n"
        "import pandas as pd, pyarrow as pa\n"
        "frame = pa.table({'a': [1.5, None]}).to_pandas()\n"
        "assert math.isnan(frame['a'][1])\n"
        "back = pa.Table.from_pandas(frame)\n"
        "assert back.column('a').null_count == 1\n"
    )
    assert "pandas" in _loaded_after(code, repo_root)
