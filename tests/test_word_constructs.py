"""Word files as Word writes them: each construct alone, and all together, on
each sample, golden-exact.

`tests/fixtures/word/build_word_fixtures.py` writes each construct (content
controls, tracked changes, hidden text, fields, symbol fonts, list numbering,
nested tables, Strict OOXML, …) into a sample's XML, keeping the text Word shows
(checked with LibreOffice by the builder's `--check`). Every variant is built
into one folder and extracted by one CLI run for the session; each test compares
one variant's full tables with its sample's golden folder.
"""

from __future__ import annotations

import contextlib
import csv
import io
import sys
import zipfile
from pathlib import Path

import pytest
from golden_compare import compare_folder, describe

from extract.app.cli import main

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "word"))
import build_word_fixtures as fixtures

NAMES = [*fixtures.CONSTRUCTS, fixtures.ALL]
CASES = [(stem, name) for stem in fixtures.SAMPLES for name in NAMES]
# What each construct writes into document.xml, or the part it adds: proof that
# the variant holds the construct (a variant equal to its sample proves nothing).
MARKS = {
    "html_altchunk": ("word/document.xml", b"altChunk"),
    "numbering": ("word/document.xml", b"<w:numPr>"),
    "soft_hyphens": ("word/document.xml", b"w:softHyphen"),
    "symbols": ("word/document.xml", b"<w:sym "),
    "hyperlinks": ("word/document.xml", b"<w:hyperlink "),
    "word_markup": ("word/document.xml", b"<w:commentReference "),
    "fields": ("word/document.xml", b"w:fldSimple"),
    "smart_tags": ("word/document.xml", b"<w:smartTag "),
    "insertions": ("word/document.xml", b"<w:moveTo "),
    "alternate_content": ("word/document.xml", b"mc:AlternateContent"),
    "hidden": ("word/document.xml", b"<w:vanish/>"),
    "deletions": ("word/document.xml", b"<w:moveFrom "),
    "deleted_marks": ("word/document.xml", b"<w:rPr><w:del "),
    "sdt_runs": ("word/document.xml", b"w:dropDownList"),
    "custom_xml": ("word/document.xml", b"<w:customXml "),
    "nested_tables": ("word/document.xml", b"</w:tbl><w:p/></w:tc>"),
    "sdt_cell": ("word/document.xml", b"<w:sdtContent><w:tc>"),
    "sdt_rows": ("word/document.xml", b"<w:sdtContent><w:tr>"),
    "sdt_block": ("word/document.xml", b"w:docPartObj"),
    "sdt_table": ("word/document.xml", b"<w:sdtContent><w:tbl>"),
    "outer_table": ("word/document.xml", b"<w:body><w:tbl>"),
    "mac_printer_settings": (
        "word/printerSettings/printerSettings1.bin",
        b"<!DOCTYPE plist",
    ),
    "strict": (
        "word/document.xml",
        b"http://purl.oclc.org/ooxml/wordprocessingml/main",
    ),
}


@pytest.fixture(scope="session")
def variants(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every (sample, construct) variant, written once."""
    folder = tmp_path_factory.mktemp("word-variants")
    return {(stem, name): path for stem, name, path in fixtures.variants(folder)}


@pytest.fixture(scope="session")
def extracted_variants(
    variants: dict[tuple[str, str], Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, int, str]:
    """All variants through one `scr-extract extract` run: (output folder, exit
    code, stderr)."""
    folder = next(iter(variants.values())).parent
    out_dir = tmp_path_factory.mktemp("word-variants-out")
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = main(["extract", str(folder), "-o", str(out_dir), "--workers", "2"])
    return out_dir, code, stderr.getvalue()


def test_every_variant_is_extracted_without_warnings(
    extracted_variants: tuple[Path, int, str],
) -> None:
    _, code, stderr = extracted_variants
    assert code == 0, stderr
    assert "warning" not in stderr and "error" not in stderr, stderr


@pytest.mark.parametrize(("stem", "name"), CASES, ids=[f"{s}-{n}" for s, n in CASES])
def test_construct_is_golden_exact(
    stem: str,
    name: str,
    variants: dict[tuple[str, str], Path],
    extracted_variants: tuple[Path, int, str],
    golden_dir: Path,
) -> None:
    out_dir, _, _ = extracted_variants
    source = variants[stem, name].name
    diffs = compare_folder(golden_dir / fixtures.GOLDEN[stem], out_dir, source)
    assert not diffs, describe(diffs)


def test_text_never_shown_reaches_no_table(
    extracted_variants: tuple[Path, int, str],
) -> None:
    """Deleted, moved-away and hidden text and field instructions, which all
    hold the marker word, are in no cell of any output table."""
    out_dir, _, _ = extracted_variants
    for table in ("documents", "findings", "questions", "actions", "errors"):
        with (out_dir / f"{table}.csv").open(encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                hits = [k for k, v in row.items() if fixtures.HIDDEN_MARK in (v or "")]
                assert not hits, f"{table} {row.get('source')}: {hits}"


def test_every_document_is_fully_covered(
    extracted_variants: tuple[Path, int, str],
) -> None:
    out_dir, _, _ = extracted_variants
    with (out_dir / "documents.csv").open(encoding="utf-8-sig", newline="") as f:
        documents = list(csv.DictReader(f))
    assert len(documents) == len(CASES)
    assert {d["source"]: float(d["coverage"]) for d in documents} == {
        d["source"]: 1.0 for d in documents
    }


@pytest.mark.parametrize("name", list(MARKS))
def test_each_variant_holds_its_construct(
    name: str, variants: dict[tuple[str, str], Path]
) -> None:
    part, mark = MARKS[name]
    for stem in fixtures.SAMPLES:
        with zipfile.ZipFile(variants[stem, name]) as package:
            assert mark in package.read(part), f"{stem}: no {mark!r} in {part}"
        with zipfile.ZipFile(variants[stem, fixtures.ALL]) as package:
            assert mark in package.read(part), f"{stem} all: no {mark!r} in {part}"


def test_every_construct_has_a_mark() -> None:
    assert list(MARKS) == list(fixtures.CONSTRUCTS)
