"""`scr-extract summary`: RAG counts in the terminal and the agency × finding PNG.

Expected counts are computed here from the golden actions.csv, independently of
the summary code, and compared with what it reports for the sample's output.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from extract.app.cli import main
from extract.commands.summary import grid, load_actions
from schemas.vocab import Rag

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def golden_actions(golden_dir: Path) -> list[dict[str, str]]:
    path = golden_dir / "julia" / "actions.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def outdir(samples_dir: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    sample = str(samples_dir / "julia-action-plan.docx")
    assert main(["extract", sample, "-o", str(out), "--format", "csv"]) == 0
    return out


def test_summary_writes_the_heatmap(
    outdir: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["summary", str(outdir)]) == 0
    out = capsys.readouterr().out
    assert "RAG by agency" in out and "RAG by finding" in out
    png = (outdir / "heatmap.png").read_bytes()
    assert png.startswith(PNG_SIGNATURE)
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    assert width > 600 and height > 300  # a picture, not an empty canvas
    assert not list(outdir.glob(".*.tmp"))


def test_grid_matches_the_golden_counts(
    outdir: Path, golden_actions: list[dict[str, str]]
) -> None:
    cells = grid(load_actions(outdir))
    agencies = sorted({row["agency"] for row in golden_actions}, key=str.casefold)
    findings = ["1", "2", "3", "4", "5", "6", "7", "AL1", "AL2"]
    assert cells.agencies == agencies
    assert len(agencies) == 9
    assert cells.findings == findings
    assert len(cells.counts) == len(agencies)
    assert all(len(row) == len(findings) for row in cells.counts)
    expected: Counter[tuple[str, str, str]] = Counter(
        (row["agency"], row["finding_id"], row["rag"]) for row in golden_actions
    )
    for i, agency in enumerate(agencies):
        for j, finding in enumerate(findings):
            for status in Rag:
                key = (agency, finding, status.value)
                assert cells.counts[i][j][status] == expected[key], key


def test_terminal_totals_match_the_golden(
    outdir: Path, golden_actions: list[dict[str, str]], capsys: pytest.CaptureFixture
) -> None:
    assert main(["summary", str(outdir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    # Finding rows: label, then complete .. unrated, then total, between borders.
    rows = {
        cells[0]: [int(c) for c in cells[1:]]
        for line in lines
        if (cells := [c.strip() for c in line.strip("│ ").split("│")])
        and cells[0] in {"1", "2", "3", "4", "5", "6", "7", "AL1", "AL2"}
    }
    by_finding: dict[str, Counter[str]] = {}
    for row in golden_actions:
        by_finding.setdefault(row["finding_id"], Counter())[row["rag"]] += 1
    order = ["complete", "green", "amber", "red", "not_applicable", "unrated"]
    for finding, counts in by_finding.items():
        expected = [counts[s] for s in order] + [sum(counts.values())]
        assert rows[finding] == expected, finding


def test_folder_without_actions_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["summary", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "actions" in err[0]


def test_findings_of_several_documents_are_kept_apart() -> None:
    rows = [
        {"source": "a.docx", "agency": "Police", "finding_id": "1", "rag": "red"},
        {"source": "b.pdf", "agency": "Police", "finding_id": "1", "rag": "green"},
        {"source": "b.pdf", "agency": "", "finding_id": "1", "rag": "nonsense"},
    ]
    cells = grid(rows)
    assert cells.findings == ["1 (a.docx)", "1 (b.pdf)"]
    assert cells.agencies == ["(no agency)", "Police"]
    assert cells.counts[1][0] == Counter({Rag.RED: 1})
    assert cells.counts[1][1] == Counter({Rag.GREEN: 1})
    assert cells.counts[0][1] == Counter({Rag.UNRATED: 1})
    assert cells.counts[0][0] == Counter()
