"""A run never destroys, mixes up or hides results (issue 10).

Each test is one of the issue's points, reproduced with the samples: documents of
the same name in two folders, a mistyped path, stale tables of another format, an
unwritable folder, signals, what is printed where, skipped and duplicated files,
unreadable files and the API's arguments. Dates, the workbook, the heatmap,
`inspect` and real-world PDFs have their tests beside these, at the end.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from processes import alive, children

from extract.app.cli import main
from extract.commands.summary import by_document, counts_by, load_actions
from extract.write.folder import MANIFEST
from schemas.vocab import Rag

JULIA = "julia-action-plan.docx"
FENBRIDGE = "fenbridge-colour-rag-plan.docx"
MARLBURY = "marlbury-recommendations-plan.docx"
TABLE_FILES = {
    f"{t}.{ext}"
    for t in ("documents", "findings", "questions", "actions", "errors")
    for ext in ("parquet", "csv")
}


def _run(argv: list[str]) -> tuple[int, str]:
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = main(argv)
    return code, stderr.getvalue()


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.name != MANIFEST
    }


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def golden_julia(golden_dir: Path) -> list[dict[str, str]]:
    return _csv(golden_dir / "julia" / "actions.csv")


@pytest.fixture(scope="module")
def previous(samples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder holding last quarter's run (Julia, Parquet and CSV), to be
    copied by each test that must not lose it."""
    out = tmp_path_factory.mktemp("previous") / "prev"
    assert _run(["extract", str(samples_dir / JULIA), "-o", str(out)])[0] == 0
    return out


@pytest.fixture
def prev(previous: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "prev"
    shutil.copytree(previous, copy)
    return copy


# --- 1. sources are unique and stable ---------------------------------------------


@pytest.fixture(scope="module")
def two_plans(
    samples_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    """`thurrock/plan.docx` and `fenbridge/plan.docx` (two plans, one file name),
    extracted together into `out`."""
    root = tmp_path_factory.mktemp("two")
    for folder, sample in (("thurrock", JULIA), ("fenbridge", FENBRIDGE)):
        (root / folder).mkdir()
        shutil.copy(samples_dir / sample, root / folder / "plan.docx")
    out = root / "out"
    argv = ["extract", str(root / "thurrock"), str(root / "fenbridge"), "-o", str(out)]
    assert _run(argv)[0] == 0
    return root, out


def test_same_file_name_in_two_folders_stays_two_documents(
    two_plans: tuple[Path, Path], golden_julia: list[dict[str, str]]
) -> None:
    _, out = two_plans
    sources = [row["source"] for row in _csv(out / "documents.csv")]
    assert sources == ["thurrock/plan.docx", "fenbridge/plan.docx"]
    rows = load_actions(out)
    assert set(by_document(rows)) == set(sources)
    by_finding = counts_by(rows, "finding_id")
    expected = sum(1 for row in golden_julia if row["finding_id"] == "1")
    assert by_finding["thurrock/plan.docx", "1"].total() == expected


def test_one_folder_gives_paths_relative_to_it(
    two_plans: tuple[Path, Path], tmp_path: Path
) -> None:
    root, _ = two_plans
    assert _run(["extract", str(root / "thurrock"), "-o", str(tmp_path)])[0] == 0
    assert [r["source"] for r in _csv(tmp_path / "documents.csv")] == ["plan.docx"]


# --- 2. nothing is written unless something good was read ---------------------------


def test_a_mistyped_path_is_a_usage_error_and_touches_nothing(
    prev: Path, samples_dir: Path
) -> None:
    before = _hashes(prev)
    manifest = (prev / MANIFEST).read_bytes()
    typo = samples_dir / "julia-action-plan.pdff"
    code, err = _run(["extract", str(typo), "-o", str(prev)])
    assert code == 2
    assert err.strip().splitlines() == [f"scr-extract: no such file or folder: {typo}"]
    assert _hashes(prev) == before
    assert (prev / MANIFEST).read_bytes() == manifest


def test_a_run_where_every_document_fails_keeps_the_tables(
    prev: Path, tmp_path: Path
) -> None:
    before = _hashes(prev)
    junk = tmp_path / "broken.docx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    code, err = _run(["extract", str(junk), "-o", str(prev)])
    assert code == 1
    assert "left as they were" in err
    after = _hashes(prev)
    changed = {name for name in before if after.get(name) != before[name]}
    assert changed == {"errors.csv", "errors.parquet"}
    assert [e["source"] for e in _csv(prev / "errors.csv")] == ["broken.docx"]
    assert len(load_actions(prev)) == 333  # summary still reads last quarter's rows
    manifest = json.loads((prev / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["inputs"] == [JULIA]
    assert manifest["failed_run"]["inputs"] == ["broken.docx"]


# --- 3. one run owns one consistent set of files ------------------------------------


def test_a_run_in_another_format_removes_the_stale_tables(
    prev: Path, samples_dir: Path
) -> None:
    assert (prev / "actions.parquet").is_file()
    code, _ = _run(
        ["extract", str(samples_dir / FENBRIDGE), "-o", str(prev), "--format", "csv"]
    )
    assert code == 0
    assert not list(prev.glob("*.parquet"))
    rows = load_actions(prev)
    assert {row["source"] for row in rows} == {FENBRIDGE}
    manifest = json.loads((prev / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["inputs"] == [FENBRIDGE]
    assert manifest["formats"] == ["csv"]
    assert manifest["rows"]["actions"] == len(rows)
    assert manifest["version"] and manifest["written"]
    assert sorted(manifest["files"]) == sorted(p.name for p in prev.glob("*.csv"))


def test_a_stale_file_beside_the_manifest_is_never_read(prev: Path) -> None:
    manifest = json.loads((prev / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"].remove("actions.parquet")
    (prev / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (prev / "actions.parquet").write_bytes(b"not the run's table")
    assert len(load_actions(prev)) == 333  # read from actions.csv, as listed


# --- 4. the output folder is checked before any work --------------------------------


def test_an_unwritable_output_is_found_before_extraction(
    samples_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extract.app.batch_run

    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("documents were extracted before the folder was checked")

    monkeypatch.setattr(extract.app.batch_run, "extract_batch", no_work)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, err = _run(["extract", str(samples_dir / JULIA), "-o", str(blocker / "out")])
    assert code == 2
    assert err.startswith(f"scr-extract: cannot write to {blocker / 'out'}")


def test_summary_into_an_unwritable_folder_is_one_line(
    prev: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["summary", str(prev), "-o", str(blocker / "pics")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("scr-extract: cannot write to")


# --- 5. signals ---------------------------------------------------------------------


@pytest.mark.skipif(
    not any(Path("/proc/self/task").glob("*/children")),
    reason="needs Linux /proc with each task's children",
)
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_every_worker_and_keeps_earlier_outputs(
    signum: int, prev: Path, samples_dir: Path, tmp_path: Path
) -> None:
    before = {**_hashes(prev), MANIFEST: (prev / MANIFEST).read_bytes()}
    plans = tmp_path / "plans"
    plans.mkdir()
    for sample in sorted(samples_dir.glob("*-plan.*")):
        shutil.copy(sample, plans / sample.name)
    argv = [sys.executable, "-m", "extract", "extract", str(plans), "-o", str(prev)]
    child = subprocess.Popen(
        [*argv, "--workers", "2", "-v"],
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    assert child.stderr is not None
    first = ""
    while not first.startswith("extracted "):  # one document done: workers busy
        first = child.stderr.readline()
        assert first, "the run ended before any document was extracted"
    workers = children(child.pid)
    assert workers
    child.send_signal(signum)
    rest = child.stderr.read()
    child.stderr.close()
    assert child.wait(timeout=60) == 128 + signum, first + rest
    lines = rest.strip().splitlines()
    assert "Traceback" not in rest and "KeyboardInterrupt" not in rest
    total = len(list(plans.iterdir()))
    assert lines[-1].startswith("interrupted after ")
    assert lines[-1].endswith(f" of {total} documents; earlier outputs kept")
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if alive(pid)]
    assert {**_hashes(prev), MANIFEST: (prev / MANIFEST).read_bytes()} == before
    assert not [p for p in prev.iterdir() if p.name.endswith(".tmp")]


# --- 6. conventions -----------------------------------------------------------------


def test_no_progress_frames_when_stderr_is_not_a_terminal(
    two_plans: tuple[Path, Path], tmp_path: Path
) -> None:
    root, _ = two_plans
    folders = [str(root / "thurrock"), str(root / "fenbridge")]
    code, err = _run(["extract", *folders, "-o", str(tmp_path / "out")])
    assert code == 0
    assert "\r" not in err
    assert err.splitlines() == [
        f"2 of 2 documents extracted, 351 action rows -> {tmp_path / 'out'}"
    ]


def test_quiet_verbose_and_version(
    two_plans: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    root, _ = two_plans
    folders = [str(root / "thurrock"), str(root / "fenbridge")]
    assert _run(["extract", *folders, "-o", str(tmp_path / "q"), "-q"]) == (0, "")
    code, err = _run(["extract", *folders, "-o", str(tmp_path / "v"), "--verbose"])
    assert code == 0
    # One line per document as it finishes (so in any order), then the summary.
    assert sorted(line.split(":")[0] for line in err.splitlines()[:2]) == [
        "extracted fenbridge/plan.docx",
        "extracted thurrock/plan.docx",
    ]
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("scr-extract ")


@pytest.mark.parametrize(
    ("given", "files"),
    [("CSV", {"actions.csv"}), ("Excel", {"scr-extract.xlsx"}), ("XLSX", set())],
)
def test_format_is_case_insensitive_and_excel_means_xlsx(
    given: str, files: set[str], samples_dir: Path, tmp_path: Path
) -> None:
    argv = ["extract", str(samples_dir / FENBRIDGE), "-o", str(tmp_path)]
    assert _run([*argv, "--format", given])[0] == 0
    written = {p.name for p in tmp_path.iterdir()}
    assert files <= written
    if given != "CSV":
        assert written == {"scr-extract.xlsx", MANIFEST}


# --- 7. skipped and duplicated files ------------------------------------------------


def test_files_of_other_types_are_counted_and_duplicates_read_once(
    samples_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(samples_dir / JULIA, folder / JULIA)
    shutil.copy(samples_dir / JULIA, folder / "copy-of-julia.docx")
    (folder / "notes.txt").write_text("minutes")
    (folder / "logo.png").write_bytes(b"\x89PNG")
    out = tmp_path / "out"
    argv = ["extract", str(folder), str(folder / JULIA), str(folder / JULIA)]
    code, err = _run([*argv, "-o", str(out)])
    assert code == 0
    assert [r["source"] for r in _csv(out / "documents.csv")] == ["copy-of-julia.docx"]
    [row] = _csv(out / "errors.csv")
    assert (row["source"], row["kind"]) == (JULIA, "duplicate")
    assert "copy-of-julia.docx" in row["message"]
    line = err.strip().splitlines()[-1]
    assert "1 duplicate (same bytes) read once" in line
    assert line.endswith("; 2 files skipped: not a plan format")


def test_an_earlier_runs_outputs_in_a_folder_are_not_inputs(
    samples_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(samples_dir / FENBRIDGE, folder / FENBRIDGE)
    earlier = folder / "last-quarter"
    assert _run(["extract", str(folder), "-o", str(earlier), "--format", "all"])[0] == 0
    (earlier / "plan-kept-here.docx").write_bytes((folder / FENBRIDGE).read_bytes())
    out = tmp_path / "out"
    code, err = _run(["extract", str(folder), "-o", str(out)])
    assert code == 0, err
    # The workbook and tables of the earlier run are neither read nor counted; a
    # plan the user put in that folder is still found (as a duplicate here).
    assert [r["source"] for r in _csv(out / "documents.csv")] == [FENBRIDGE]
    [row] = _csv(out / "errors.csv")
    assert (row["source"], row["kind"]) == (
        "last-quarter/plan-kept-here.docx",
        "duplicate",
    )
    assert "skipped" not in err.strip().splitlines()[-1]


def test_the_supported_types_come_from_the_reader() -> None:
    import extract.app.inputs
    import extract.read

    assert extract.app.inputs.SUFFIXES is extract.read.SUFFIXES
    for suffix in extract.read.SUFFIXES:
        assert extract.app.inputs.is_plan_file(Path(f"plan{suffix.upper()}"))


# --- 8. unreadable files and the API's arguments ------------------------------------


def test_a_file_we_may_not_read_is_a_load_error(
    samples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extract.app.pipeline as pipeline

    def refuse(path: Path, processes: int = 1) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(pipeline, "read_document", refuse)
    failure = pipeline.extract_one(samples_dir / JULIA)
    assert isinstance(failure, pipeline.Failure)
    assert failure.kind == "load_error"
    assert failure.message == "cannot read the file: Permission denied"


def test_read_plan_takes_a_registry_path_and_names_a_folder(
    samples_dir: Path, repo_root: Path
) -> None:
    from extract.app.api import PlanError, read_plan

    registry = repo_root / "schemas" / "agencies.json"
    for given in (str(registry), registry):
        plan = read_plan(samples_dir / FENBRIDGE, registry=given)
        assert len(plan.documents) == 1
    with pytest.raises(PlanError, match="is a folder") as error:
        read_plan(samples_dir)
    assert error.value.kind == "load_error"


# --- 9. typed dates -----------------------------------------------------------------


def test_report_date_and_due_dates_are_dates(
    previous: Path, golden_julia: list[dict[str, str]]
) -> None:
    import datetime as dt

    import pyarrow as pa

    documents = pq.read_table(previous / "documents.parquet")
    assert documents.schema.field("report_date").type == pa.date32()
    assert documents["report_date"].to_pylist() == [dt.date(2016, 1, 7)]
    actions = pq.read_table(previous / "actions.parquet")
    assert actions.schema.field("due_date").type == pa.date32()
    assert actions.schema.field("overdue").type == pa.bool_()
    rows = actions.to_pylist()
    # Golden rows whose whole target cell is known: none, two days, a month.
    cells = {r["row"]: r["target_evidence"] for r in golden_julia}
    assert cells["7"] == "" and cells["9"] == "30/09/2014 31/12/14"
    assert cells["10"].startswith("March 2015") and "201" not in cells["10"][10:]
    assert (rows[6]["due_date"], rows[6]["overdue"]) == (None, None)
    assert (rows[8]["due_date"], rows[8]["overdue"]) == (dt.date(2014, 12, 31), True)
    assert (rows[9]["due_date"], rows[9]["overdue"]) == (dt.date(2015, 3, 31), True)
    text = (previous / "documents.csv").read_text(encoding="utf-8-sig")
    assert "2016-01-07" in text


def test_due_date_and_overdue_rules() -> None:
    import datetime as dt

    from extract.app.rows import due_date, overdue

    def action(**cells: str) -> dict[str, str]:
        return {"target_date": "", "target_evidence": "", "evidence": "", **cells}

    assert due_date(action(target_date="Jun-15")) == dt.date(2015, 6, 30)
    assert due_date(action(target_date="Feb 2016")) == dt.date(2016, 2, 29)
    assert due_date(action(target_date="By 2016")) == dt.date(2016, 12, 31)
    latest = action(target_date="1/3/2015", target_evidence="Nov 14 & March 15")
    assert due_date(latest) == dt.date(2015, 3, 31)
    assert due_date(action(evidence="Audited 30/09/2014")) is None
    assert due_date(action(target_date="Ongoing")) is None
    report, day = dt.date(2016, 1, 7), dt.date(2015, 6, 30)
    assert overdue(day, report, "red") is True
    assert overdue(day, report, "unrated") is True
    assert overdue(day, report, "complete") is False
    assert overdue(day, report, "not_applicable") is False
    assert overdue(report, report, "red") is False  # due on the day: not yet late
    assert overdue(None, report, "red") is None
    assert overdue(day, None, "red") is None


def test_text_ids_stay_text_in_csv_and_workbook(tmp_path: Path) -> None:
    """The CSV is for programs: ids are quoted text. Excel users open the workbook,
    where "1.1" is a text cell and never becomes the number 1.1."""
    import openpyxl

    from extract.app.pipeline import Batch, DocumentTables
    from extract.write.files import write_tables

    row = {
        "source": "plan.docx",
        "doc_id": "0" * 16,
        "question_id": "1.1",
        "finding_id": "2",
        "kind": "question",
        "text": "Is it so?",
        "page": None,
    }
    tables = DocumentTables(
        "plan.docx",
        {"documents": [], "findings": [], "questions": [row], "actions": []},
        1.0,
    )
    batch = Batch()
    batch.add(0, tables)
    write_tables(tmp_path, batch.tables(), ("csv", "xlsx"))
    text = (tmp_path / "questions.csv").read_text(encoding="utf-8-sig")
    assert '"1.1","2"' in text
    sheet = openpyxl.load_workbook(tmp_path / "scr-extract.xlsx")["questions"]
    column = [c.value for c in sheet[1]].index("question_id") + 1
    cell = sheet.cell(2, column)
    assert (cell.value, cell.data_type) == ("1.1", "s")


# --- 11. the heatmap ----------------------------------------------------------------

# Machado, Oliveira & Fernandes (2009) full-severity simulation matrices (linear RGB).
_CVD = {
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
# CIE76 colour difference that any reader tells apart at a glance (2.3 is barely
# noticeable; 10 and more reads as two colours).
MIN_DELTA_E = 15.0


def _lab(rgb_linear: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (min(1.0, max(0.0, c)) for c in rgb_linear)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _linear(hex_colour: str) -> tuple[float, float, float]:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    )
    return r, g, b


def test_heatmap_palette_is_colour_blind_safe() -> None:
    from extract.commands.summary import PALETTE

    assert set(PALETTE) == set(Rag)
    assert PALETTE[Rag.NOT_APPLICABLE] != PALETTE[Rag.UNRATED]
    for vision, matrix in {"normal": None, **_CVD}.items():
        seen = {}
        for status, colour in PALETTE.items():
            rgb = _linear(colour)
            if matrix is not None:
                rgb = tuple(
                    sum(m * c for m, c in zip(row, rgb, strict=True)) for row in matrix
                )
            seen[status] = _lab(rgb)  # type: ignore[arg-type]
        for a in seen:
            for b in seen:
                if a.value < b.value:
                    delta = (
                        sum((p - q) ** 2 for p, q in zip(seen[a], seen[b], strict=True))
                        ** 0.5
                    )
                    assert delta >= MIN_DELTA_E, (vision, a, b, round(delta, 1))


def test_summary_draws_one_titled_picture_per_document_into_its_folder(
    two_plans: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    import extract.commands.summary as summary

    _, out = two_plans
    titles: list[str] = []
    real = summary.write_heatmap

    def record(cells: summary.Grid, path: Path, title: str = "") -> None:
        titles.append(title)
        real(cells, path, title)

    monkeypatch.setattr(summary, "write_heatmap", record)
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    (pictures / "heatmap.png").write_bytes(b"an earlier one-document summary")
    (pictures / "heatmap-notes.png").write_bytes(b"not a name summary gives")
    assert main(["summary", str(out), "-o", str(pictures)]) == 0
    assert sorted(p.name for p in pictures.iterdir()) == [
        "heatmap-1-thurrock-plan.docx.png",
        "heatmap-2-fenbridge-plan.docx.png",
        "heatmap-notes.png",  # not the summary's: left alone
    ]
    assert not list(out.glob("*.png"))
    julia = "Review Findings and Questions to the Board and its Partner Agencies"
    assert titles[0] == f"{julia} (thurrock/plan.docx), report as at 2016-01-07"
    assert "(fenbridge/plan.docx)" in titles[1]
    # Piped (not a terminal), every row is printed whole on one line.
    printed = capsys.readouterr().out
    assert any(
        "thurrock/plan.docx" in line and "Children's Social Care & Education" in line
        for line in printed.splitlines()
    )
    assert "…" not in printed


def test_summary_counts_unrated_apart_from_not_applicable() -> None:
    rows = [
        {"source": "a", "agency": "Police", "finding_id": "1", "rag": "unrated"},
        {"source": "a", "agency": "Police", "finding_id": "1", "rag": "not_applicable"},
    ]
    [(key, counts)] = counts_by(rows, "agency").items()
    assert key == ("a", "Police")
    assert counts == Counter({Rag.UNRATED: 1, Rag.NOT_APPLICABLE: 1})


# --- 12. inspect --------------------------------------------------------------------


def test_inspect_names_a_non_pdf_and_honours_the_picture_format(
    samples_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    docx = samples_dir / JULIA
    code = main(["inspect", str(docx), "--page", "1", "-o", str(tmp_path / "a.png")])
    assert code == 1
    err = capsys.readouterr().err
    assert "not a PDF file" in err and "Root" not in err
    pdf = samples_dir / "fenbridge-colour-rag-plan.pdf"
    jpeg = tmp_path / "page.jpg"
    assert main(["inspect", str(pdf), "--page", "1", "-o", str(jpeg)]) == 0
    assert jpeg.read_bytes()[:3] == b"\xff\xd8\xff"
    gif = tmp_path / "page.gif"
    assert main(["inspect", str(pdf), "--page", "1", "-o", str(gif)]) == 2
    assert "page.gif" in capsys.readouterr().err
    assert not gif.exists()


# --- 13. real-world PDFs ------------------------------------------------------------


def _with_extra_page(source: Path, out: Path, draw: object) -> Path:
    """The first three pages of `source` and one page drawn by `draw(canvas)`."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen import canvas

    extra = out.with_suffix(".extra.pdf")
    page = canvas.Canvas(str(extra))
    page.drawString(72, 720, "Notes on the plan, beside a margin bar.")
    draw(page)  # type: ignore[operator]
    page.save()
    writer = PdfWriter()
    for p in PdfReader(source).pages[:3]:
        writer.add_page(p)
    writer.add_page(PdfReader(extra).pages[0])
    with out.open("wb") as handle:
        writer.write(handle)
    return out


@pytest.fixture(scope="module")
def three_pages(samples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> int:
    """Action rows of the Julia PDF's first three pages."""
    from pypdf import PdfReader, PdfWriter

    from extract.app.pipeline import extract_file

    path = tmp_path_factory.mktemp("three") / "three.pdf"
    writer = PdfWriter()
    for p in PdfReader(samples_dir / "julia-action-plan.pdf").pages[:3]:
        writer.add_page(p)
    with path.open("wb") as handle:
        writer.write(handle)
    return len(extract_file(path).actions)


def test_a_page_with_one_rule_does_not_reject_the_document(
    samples_dir: Path, tmp_path: Path, three_pages: int
) -> None:
    from extract.app.pipeline import extract_file

    def bar_and_footnote(page: object) -> None:
        page.line(40, 100, 40, 700)  # type: ignore[attr-defined]
        page.line(72, 90, 300, 90)  # type: ignore[attr-defined]

    path = _with_extra_page(
        samples_dir / "julia-action-plan.pdf", tmp_path / "bar.pdf", bar_and_footnote
    )
    assert three_pages > 0
    assert len(extract_file(path).actions) == three_pages


def test_a_page_the_table_finder_cannot_handle_is_read_as_text(
    samples_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extract.pdf.tables
    from extract.app.pipeline import extract_file

    real = extract.pdf.tables.TableFinder

    class Fussy(real):  # type: ignore[misc, valid-type]
        """pdfplumber's finder, failing on page 2 only."""

        def __init__(self, page: object, settings: object) -> None:
            if page.page_number == 2:  # type: ignore[attr-defined]
                raise ValueError("the finder gave up")
            super().__init__(page, settings)

    monkeypatch.setattr(extract.pdf.tables, "TableFinder", Fussy)
    tables = extract_file(samples_dir / "fenbridge-colour-rag-plan.pdf")
    issues = json.loads(tables.document["issues"])
    assert any(
        i.startswith("page_without_tables:") and "(page 2)" in i for i in issues
    ), issues
    assert tables.actions


def test_a_pdf_without_pages_needs_repair_not_ocr(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    from extract.app.pipeline import extract_one

    path = tmp_path / "empty.pdf"
    with path.open("wb") as handle:
        PdfWriter().write(handle)
    failure = extract_one(path)
    assert failure.kind == "load_error"  # type: ignore[union-attr]
    assert "OCR" not in failure.message  # type: ignore[union-attr]
    assert "no pages" in failure.message  # type: ignore[union-attr]


def test_a_pdf_without_its_header_is_still_read(
    samples_dir: Path, tmp_path: Path
) -> None:
    from extract.app.pipeline import extract_file

    data = (samples_dir / "fenbridge-colour-rag-plan.pdf").read_bytes()
    end = data.index(b"\n")
    path = tmp_path / "headless.pdf"
    path.write_bytes(b" " * end + data[end:])
    expected = extract_file(samples_dir / "fenbridge-colour-rag-plan.pdf").actions
    assert len(extract_file(path).actions) == len(expected)


def test_messages_carry_no_object_addresses() -> None:
    from schemas.errors import one_line

    error = ValueError("cannot read <_io.BytesIO object at 0x7f3a2c1b9d50> here")
    assert one_line(error) == "cannot read <_io.BytesIO object> here"


def test_os_helpers_left_nothing_behind(tmp_path: Path) -> None:
    """The atomic write leaves no temporary file when its writer fails."""
    from extract.write.files import atomic_write

    def fail(path: Path) -> None:
        path.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        atomic_write(tmp_path / "x.csv", fail)
    assert os.listdir(tmp_path) == []


# --- issue 11: a row that does not fit its table is refused --------------------------


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"stage": None}, "missing columns ['stage']"),  # a column left out
        ({"stgae": "read"}, "unknown columns ['stgae']"),  # a misspelt key
    ],
)
def test_a_row_with_a_missing_or_unknown_column_is_refused(
    change: dict[str, str | None], named: str
) -> None:
    from extract.write.files import RowShapeError, arrow_table

    row: dict[str, str | None] = {
        "source": "a.docx",
        "stage": "read",
        "kind": "load_error",
        "message": "m",
    }
    row.update(change)
    shaped = {key: value for key, value in row.items() if value is not None}
    with pytest.raises(RowShapeError, match=re.escape(named)):
        arrow_table("errors", [shaped])


def test_the_output_folder_inside_an_input_folder_is_not_walked(
    samples_dir: Path, tmp_path: Path
) -> None:
    shutil.copy(samples_dir / FENBRIDGE, tmp_path / FENBRIDGE)
    out = tmp_path / "output"
    for _ in range(2):  # the second run finds the first one's tables beside it
        code, err = _run(["extract", str(tmp_path), "-o", str(out)])
        assert code == 0
        assert "skipped" not in err, err


def test_ctrl_c_in_another_command_is_one_line(
    prev: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    import extract.commands.summary as summary

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(summary, "print_counts", interrupted)
    assert main(["summary", str(prev)]) == 130
    assert capsys.readouterr().err == "scr-extract: interrupted\n"


def test_a_long_plan_title_fits_its_picture() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from extract.commands.summary import grid, heatmap_figure

    rows = [{"source": "a.docx", "agency": "Police", "finding_id": "1", "rag": "red"}]
    title = "Learning Review Action Plan of a Safeguarding Partnership " * 3
    figure = heatmap_figure(grid(rows), title + "(a.docx), report as at 2015-11-02")
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    [text] = [t for t in figure.texts if "report as at" in t.get_text()]
    box = text.get_window_extent(canvas.get_renderer())
    assert box.x0 >= 0 and box.x1 <= figure.bbox.width


def test_heatmap_files_sort_in_document_order() -> None:
    from extract.commands.summary import heatmap_names

    sources = [f"plan-{letter}.pdf" for letter in "abcdefghijkl"]  # 12 documents
    names = heatmap_names(sources)
    assert names["plan-a.pdf"] == "heatmap-01-plan-a.pdf.png"
    assert sorted(names.values()) == [names[s] for s in sources]
    assert heatmap_names(["thurrock/plan.docx"]) == {
        "thurrock/plan.docx": "heatmap.png"
    }


def test_two_empty_files_are_two_errors_not_duplicates(tmp_path: Path) -> None:
    for name in ("empty.pdf", "empty.docx"):
        (tmp_path / name).write_bytes(b"")
    code, _ = _run(["extract", str(tmp_path), "-o", str(tmp_path / "out")])
    assert code == 1
    errors = {e["source"]: e["kind"] for e in _csv(tmp_path / "out" / "errors.csv")}
    assert errors == {"empty.docx": "load_error", "empty.pdf": "load_error"}
