"""Batches: worker processes, time limits, input order, and outputs that are never
half-written, never different on a re-run, and never touch the inputs."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

import extract.write.files
from extract.app.cli import main
from extract.app.workers import Stopped, run_each

GOOD_DOCX = "julia-action-plan.docx"
GOOD_PDF = "julia-action-plan.pdf"


def _run(argv: list[str]) -> tuple[int, str]:
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = main(argv)
    return code, stderr.getvalue()


def _hashes(folder: Path, suffix: str = "") -> dict[str, str]:
    """The folder's files by content; the manifest, which holds the run's time,
    apart (the tables are byte-identical from run to run, the manifest is not)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.name.endswith(suffix) and p.name != "manifest.json"
    }


@pytest.fixture(scope="module")
def plans(samples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder where the first input takes longest: a short PDF (the sample's
    first pages) before two Word files, so two workers finish out of order."""
    folder = tmp_path_factory.mktemp("plans")
    reader = PdfReader(samples_dir / GOOD_PDF)
    writer = PdfWriter()
    for page in reader.pages[:3]:
        writer.add_page(page)
    with (folder / "a-short.pdf").open("wb") as handle:
        writer.write(handle)
    shutil.copy(samples_dir / GOOD_DOCX, folder / "b-plan.docx")
    # Another plan: a byte copy of b would be read once, as a duplicate.
    shutil.copy(
        samples_dir / "marlbury-recommendations-plan.docx", folder / "c-plan.docx"
    )
    return folder


# --- order, re-runs, inputs ----------------------------------------------------


def test_worker_count_does_not_change_the_output(plans: Path, tmp_path: Path) -> None:
    outputs = {}
    for workers in (1, 2):
        out = tmp_path / f"w{workers}"
        code, _ = _run(
            ["extract", str(plans), "-o", str(out), "--workers", str(workers)]
        )
        assert code == 0
        outputs[workers] = _hashes(out, ".csv")
    assert outputs[1] == outputs[2]
    rows = (tmp_path / "w2" / "documents.csv").read_text(encoding="utf-8-sig")
    order = [line.split(",")[0].strip('"') for line in rows.splitlines()[1:]]
    assert order == ["a-short.pdf", "b-plan.docx", "c-plan.docx"]


def test_rerun_is_byte_identical_and_inputs_untouched(
    plans: Path, tmp_path: Path
) -> None:
    before = _hashes(plans)
    mtimes = {p.name: p.stat().st_mtime_ns for p in plans.iterdir()}
    out = tmp_path / "out"
    assert _run(["extract", str(plans), "-o", str(out)])[0] == 0
    first = _hashes(out)
    assert _run(["extract", str(plans), "-o", str(out)])[0] == 0
    assert _hashes(out) == first  # CSV and Parquet alike
    assert _hashes(plans) == before
    assert {p.name: p.stat().st_mtime_ns for p in plans.iterdir()} == mtimes


def test_failed_write_leaves_previous_outputs(
    samples_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert _run(["extract", str(samples_dir / GOOD_DOCX), "-o", str(out)])[0] == 0
    before = _hashes(out)
    real = extract.write.files._write
    calls = 0

    def fail_on_third(table: object, path: Path, fmt: str) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            path.write_bytes(b"half a table")
            raise OSError(28, "No space left on device")
        real(table, path, fmt)  # type: ignore[arg-type]

    monkeypatch.setattr(extract.write.files, "_write", fail_on_third)
    code, err = _run(["extract", str(samples_dir / GOOD_DOCX), "-o", str(out)])
    assert code == 2
    assert "No space left on device" in err
    assert calls == 3
    assert _hashes(out) == before  # every previous file intact, no temporary left
    assert sorted(os.listdir(out)) == sorted([*before, "manifest.json"])


# --- time limits and crashes ---------------------------------------------------


def _quick(path: Path, report: Callable[[str], None]) -> str:
    return path.name


def _hang_on_slow(path: Path, report: Callable[[str], None]) -> str:
    if "slow" in path.name:
        report("normalise")
        time.sleep(600)
    return path.name


def _die_on_bad(path: Path, report: Callable[[str], None]) -> str:
    if "bad" in path.name:
        os._exit(3)
    return path.name


@pytest.mark.parametrize("workers", [1, 2])
def test_a_hung_document_is_stopped_and_the_batch_goes_on(
    tmp_path: Path, workers: int
) -> None:
    paths = [tmp_path / name for name in ("a", "slow", "b", "c")]
    started = time.monotonic()
    results = dict(run_each(_hang_on_slow, paths, workers, timeout=1.0))
    assert time.monotonic() - started < 30
    stopped = results.pop(1)
    assert isinstance(stopped, Stopped)
    assert (stopped.kind, stopped.stage) == ("timeout", "normalise")
    assert "1 s" in str(stopped)
    assert results == {0: "a", 2: "b", 3: "c"}


def test_a_dead_worker_is_reported_and_replaced(tmp_path: Path) -> None:
    paths = [tmp_path / name for name in ("a", "bad", "b", "bad2", "c")]
    results = dict(run_each(_die_on_bad, paths, 2, timeout=60))
    for index in (1, 3):
        dead = results.pop(index)
        assert isinstance(dead, Stopped)
        assert dead.kind == "crashed" and "exit code 3" in str(dead)
    assert results == {0: "a", 2: "b", 4: "c"}


def test_more_workers_than_documents(tmp_path: Path) -> None:
    assert dict(run_each(_quick, [tmp_path / "only"], 8, timeout=60)) == {0: "only"}


def test_cli_timeout_is_an_error_row(samples_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, err = _run(
        [
            "extract",
            str(samples_dir / GOOD_PDF),
            "-o",
            str(out),
            "--timeout",
            "0.5",
        ]
    )
    assert code == 1
    assert f"error: {GOOD_PDF}: took longer than the time limit of 0.5 s" in err
    errors = (out / "errors.csv").read_text(encoding="utf-8-sig").splitlines()
    assert errors[0] == '"source","stage","kind","message"'
    assert len(errors) == 2 and errors[1].startswith(f'"{GOOD_PDF}","read","timeout"')


@pytest.mark.parametrize(
    "option",
    [["--workers", "0"], ["--workers", "x"], ["--timeout", "-1"], ["--timeout", "nan"]],
)
def test_bad_batch_options_exit_2(
    option: list[str], capsys: pytest.CaptureFixture
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "plan.docx", *option])
    assert exit_info.value.code == 2
    assert "expected a number above 0" in capsys.readouterr().err
