"""Hostile and broken input, each ending in a result or one clear error line, and
coverage: proof that the text of the action tables reached the output."""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import docx
import pyarrow.parquet as pq
import pytest
from docx.oxml.ns import qn
from lxml import etree
from plan_headers import HEADERS
from pypdf import PdfReader, PdfWriter

import extract.app.pipeline
from extract.app.cli import main
from extract.app.pipeline import (
    Batch,
    Failure,
    extract_file,
    extract_one,
    extract_tables,
)
from extract.read import SUFFIXES
from normalise.tableset import TableSet
from schemas.blocks import ExtractedDocument

GOOD_DOCX = "julia-action-plan.docx"
GOOD_PDF = "julia-action-plan.pdf"


# --- makers of broken files ----------------------------------------------------


def _pdf_pages(samples_dir: Path, path: Path, pages: int = 4, **encrypt: str) -> Path:
    """The sample PDF's first pages, encrypted when passwords are given."""
    writer = PdfWriter()
    for page in PdfReader(samples_dir / GOOD_PDF).pages[:pages]:
        writer.add_page(page)
    if encrypt:
        writer.encrypt(**encrypt)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def _rezip(
    source: Path,
    target: Path,
    change: Callable[[str, bytes], bytes] = lambda name, data: data,
    add: dict[str, bytes] | None = None,
) -> Path:
    """A copy of a zip package with parts changed by `change` and parts added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info, change(info.filename, old.read(info)))
        for name, data in (add or {}).items():
            new.writestr(name, data, zipfile.ZIP_DEFLATED)
    return target


def _in_part(
    part: str, edit: Callable[[bytes], bytes]
) -> Callable[[str, bytes], bytes]:
    return lambda name, data: edit(data) if name == part else data


def _with_doctype(data: bytes) -> bytes:
    """A billion-laughs DOCTYPE after the XML declaration, and the entity used."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    declaration, rest = data.split(b"?>", 1)
    doctype = f"<!DOCTYPE w:document [{entities}]>".encode()
    rest = rest.replace(b"<w:t>", b"<w:t>&lol9;", 1)
    return declaration + b"?>" + doctype + rest


def _declared_size(path: Path, member: str, size: int) -> Path:
    """Rewrite a member's uncompressed size in the zip directory (a forged entry)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    at = data.find(b"PK\x01\x02")  # the central directory's entries
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_len] == name:
            struct.pack_into("<I", data, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def _many_parts(samples_dir: Path, path: Path) -> Path:
    return _rezip(
        samples_dir / GOOD_DOCX, path, add={f"x/{i}.bin": b"" for i in range(10_001)}
    )


def _ratio_bomb(samples_dir: Path, path: Path) -> Path:
    return _rezip(
        samples_dir / GOOD_DOCX, path, add={"word/media/zeros.bin": bytes(50 * 2**20)}
    )


def _size_bomb(samples_dir: Path, path: Path) -> Path:
    _rezip(samples_dir / GOOD_DOCX, path, add={"word/media/big.bin": b"x" * 1000})
    return _declared_size(path, "word/media/big.bin", 300 * 2**20)


def _doctype_docx(samples_dir: Path, path: Path) -> Path:
    part = "word/document.xml"
    return _rezip(samples_dir / GOOD_DOCX, path, _in_part(part, _with_doctype))


def _doctype_rels(samples_dir: Path, path: Path) -> Path:
    def external_entity(data: bytes) -> bytes:
        declaration, rest = data.split(b"?>", 1)
        doctype = b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        return declaration + b"?>" + doctype + rest

    part = "word/_rels/document.xml.rels"
    return _rezip(samples_dir / GOOD_DOCX, path, _in_part(part, external_entity))


def _truncated_pdf(samples_dir: Path, path: Path) -> Path:
    path.write_bytes((samples_dir / GOOD_PDF).read_bytes()[:3000])
    return path


def _garbage_pdf(samples_dir: Path, path: Path) -> Path:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    return path


def _user_password_pdf(samples_dir: Path, path: Path) -> Path:
    return _pdf_pages(samples_dir, path, user_password="secret", owner_password="o")


def _old_doc(samples_dir: Path, path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000))
    return path


def _protected_docx(samples_dir: Path, path: Path) -> Path:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000)
    path.write_bytes(ole + "EncryptedPackage".encode("utf-16-le") + bytes(1000))
    return path


def _empty(samples_dir: Path, path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _text_as_docx(samples_dir: Path, path: Path) -> Path:
    path.write_text("Finding 1: not a plan\n", encoding="utf-8")
    return path


# name: (maker, file name, kind, words the message must hold)
BROKEN: dict[str, tuple[Callable[[Path, Path], Path], str, str, str]] = {
    "truncated_pdf": (_truncated_pdf, "truncated.pdf", "load_error", "PDF"),
    "corrupt_pdf": (_garbage_pdf, "garbage.pdf", "load_error", "PDF"),
    "user_password": (_user_password_pdf, "locked.pdf", "encrypted", "password"),
    "zero_byte_pdf": (_empty, "empty.pdf", "load_error", "empty file"),
    "zero_byte_docx": (_empty, "empty.docx", "load_error", "empty file"),
    "text_named_docx": (_text_as_docx, "text.docx", "load_error", "neither"),
    "old_binary_doc": (_old_doc, "old.docx", "load_error", ".doc"),
    "protected_word": (_protected_docx, "protected.docx", "encrypted", "password"),
    "ratio_bomb": (_ratio_bomb, "bomb.docx", "unsafe", "inflates"),
    "size_bomb": (_size_bomb, "forged.docx", "unsafe", "unpacks to 301 MB"),
    "many_parts": (_many_parts, "parts.docx", "unsafe", "10014 parts"),
    "billion_laughs": (_doctype_docx, "laughs.docx", "unsafe", "DOCTYPE"),
    "external_entity": (_doctype_rels, "xxe.docx", "unsafe", "DOCTYPE"),
}


@pytest.fixture(scope="module")
def broken_dir(samples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding every broken file of `BROKEN`, made once."""
    folder = tmp_path_factory.mktemp("broken")
    for make, name, _, _ in BROKEN.values():
        make(samples_dir, folder / name)
    return folder


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_file_is_one_clear_error(case: str, broken_dir: Path) -> None:
    _, name, kind, words = BROKEN[case]
    result = extract_one(broken_dir / name)
    assert isinstance(result, Failure), f"{name} was extracted"
    assert (result.kind, result.stage) == (kind, "read"), result
    assert words in result.message
    assert "\n" not in result.message and len(result.message) <= 200


def test_scan_and_truncation_never_internal(samples_dir: Path, tmp_path: Path) -> None:
    """Cut anywhere, the sample PDF is read or refused cleanly."""
    data = (samples_dir / GOOD_PDF).read_bytes()
    for share in (0.01, 0.3, 0.6, 0.97):
        path = tmp_path / f"cut-{share}.pdf"
        path.write_bytes(data[: int(len(data) * share)])
        result = extract_one(path)
        if isinstance(result, Failure):
            assert result.kind in {"load_error", "no_text", "no_action_table"}, result


def test_batch_of_samples_and_broken_files(
    samples_dir: Path, broken_dir: Path, tmp_path: Path
) -> None:
    """The issue's acceptance: good ones extracted at 100%, bad ones listed, exit 1."""
    out = tmp_path / "out"
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = main(["extract", str(samples_dir), str(broken_dir), "-o", str(out)])
    assert code == 1
    assert "Traceback" not in stderr.getvalue()
    documents = pq.read_table(out / "documents.parquet").to_pylist()
    good = sorted(p.name for p in samples_dir.iterdir() if p.suffix in SUFFIXES)
    assert {GOOD_DOCX, GOOD_PDF} <= set(good)
    # Two folders: each source is a path from their common root, ending in the name.
    root = Path(os.path.commonpath([samples_dir, broken_dir]))
    assert [(d["source"], d["coverage"]) for d in documents] == [
        ((samples_dir / name).relative_to(root).as_posix(), 1.0) for name in good
    ]
    with (out / "errors.csv").open(encoding="utf-8-sig", newline="") as handle:
        errors = list(csv.DictReader(handle))
    assert sorted(Path(e["source"]).name for e in errors) == sorted(
        p.name for p in broken_dir.iterdir()
    )
    expected = {name: kind for _, name, kind, _ in BROKEN.values()}
    assert {Path(e["source"]).name: e["kind"] for e in errors} == expected
    assert {e["stage"] for e in errors} == {"read"}


# --- encryption and wrong names that still read --------------------------------


def test_owner_password_only_pdf_is_extracted(
    samples_dir: Path, tmp_path: Path
) -> None:
    plain = extract_file(_pdf_pages(samples_dir, tmp_path / "plain.pdf"))
    locked = extract_file(
        _pdf_pages(
            samples_dir, tmp_path / "owner.pdf", user_password="", owner_password="o"
        )
    )
    assert locked.actions and locked.document["coverage"] == 1.0
    strip = ("source", "doc_id")
    assert [{k: v for k, v in r.items() if k not in strip} for r in locked.actions] == [
        {k: v for k, v in r.items() if k not in strip} for r in plain.actions
    ]


@pytest.mark.parametrize(
    ("sample", "named", "real"),
    [(GOOD_PDF, "plan.docx", "pdf"), (GOOD_DOCX, "plan.pdf", "docx")],
)
def test_wrong_extension_is_read_by_content(
    samples_dir: Path, tmp_path: Path, sample: str, named: str, real: str
) -> None:
    if real == "pdf":
        source = _pdf_pages(samples_dir, tmp_path / "short.pdf")
    else:
        source = samples_dir / sample
    path = tmp_path / named
    shutil.copy(source, path)
    tables = extract_file(path)
    assert tables.document["format"] == real and tables.actions
    assert any(
        "wrong_extension" in issue for issue in json.loads(tables.document["issues"])
    )


def test_a_macro_enabled_word_document_is_read_as_word(
    samples_dir: Path, tmp_path: Path
) -> None:
    """Word's macro-enabled main part (`.docm` content type, saved as .docx) is a
    Word document, not the macro-enabled workbook its type's tail resembles."""
    path = _rezip(
        samples_dir / GOOD_DOCX,
        tmp_path / "macros.docx",
        _in_part(
            "[Content_Types].xml",
            lambda d: d.replace(
                b"application/vnd.openxmlformats-officedocument.wordprocessingml"
                b".document.main+xml",
                b"application/vnd.ms-word.document.macroEnabled.main+xml",
            ),
        ),
    )
    assert b"macroEnabled" in zipfile.ZipFile(path).read("[Content_Types].xml")
    tables = extract_file(path)
    assert tables.document["format"] == "docx" and tables.actions


# --- XML and external targets -------------------------------------------------


def test_an_image_may_carry_a_doctype(samples_dir: Path, tmp_path: Path) -> None:
    """An SVG image with a DOCTYPE is only kept as bytes: the file is read."""
    svg = (
        b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg/>'
    )
    svg_type = b'<Default Extension="svg" ContentType="image/svg+xml"/>'
    path = _rezip(
        samples_dir / GOOD_DOCX,
        tmp_path / "logo.docx",
        _in_part(
            "[Content_Types].xml",
            lambda d: d.replace(b"<Default ", svg_type + b"<Default ", 1),
        ),
        add={"word/media/logo.svg": svg},
    )
    assert extract_file(path).actions


def test_the_word_parser_refuses_an_amplifying_entity() -> None:
    """Behind the DOCTYPE check: the Word reader's parser (which leaves a plain
    entity unexpanded, tests/test_docx_reader.py) refuses a billion laughs
    outright (libxml2's amplification limit)."""
    from extract.docx.package import PARSER

    root = (
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml'
        b'/2006/main"><w:t></w:t></w:document>'
    )
    with pytest.raises(etree.XMLSyntaxError, match="amplification"):
        etree.fromstring(_with_doctype(b'<?xml version="1.0"?>' + root), PARSER)


@contextlib.contextmanager
def _counting_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request made to it."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


def _external_targets(samples_dir: Path, path: Path, base: str) -> Path:
    """The sample with external relationships: a hyperlink in the text, a linked
    image, and an attached template, all pointing at `base`."""
    rels = (
        f'<Relationship Id="rIdX1" TargetMode="External" Target="{base}/link" Type="'
        'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/>'
        f'<Relationship Id="rIdX2" TargetMode="External" Target="{base}/image.png" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"/>'
        f'<Relationship Id="rIdX3" TargetMode="External" Target="{base}/t.dotx" Type="'
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        'attachedTemplate"/>'
    ).encode()
    link = (
        b'<w:p><w:hyperlink r:id="rIdX1"><w:r><w:t>See the board site</w:t></w:r>'
        b"</w:hyperlink></w:p>"
    )

    def change(name: str, data: bytes) -> bytes:
        if name == "word/_rels/document.xml.rels":
            return data.replace(b"</Relationships>", rels + b"</Relationships>")
        if name == "word/document.xml":
            return data.replace(b"<w:body>", b"<w:body>" + link, 1)
        return data

    return _rezip(samples_dir / GOOD_DOCX, path, change)


def test_external_targets_are_never_fetched(
    samples_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        attempts.append(address)
        real_connect(self, address)

    with _counting_server() as (base, hits):
        path = _external_targets(samples_dir, tmp_path / "linked.docx", base)
        monkeypatch.setattr(socket.socket, "connect", connect)
        tables = extract_file(path)
        monkeypatch.undo()
    assert len(tables.actions) == len(extract_file(samples_dir / GOOD_DOCX).actions)
    assert hits == [] and attempts == []
    assert b"rIdX1" in zipfile.ZipFile(path).read("word/_rels/document.xml.rels")


# --- size: 5,000 rows and 1,000 pages -------------------------------------------


@pytest.fixture(scope="module")
def long_table_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One finding with a 5,000-row action table (the sample's nine columns)."""
    document = docx.Document()
    document.add_paragraph("Finding 1: A very long plan", style="Heading 1")
    table = document.add_table(rows=2, cols=len(HEADERS))
    for cell, text in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.text = text
    template = table.rows[1]._tr
    template.getparent().remove(template)
    agencies = ("Police", "Education", "NELFT", "Probation", "BTUH")
    for number in range(1, 5001):
        row = copy.deepcopy(template)
        texts = [
            f"{number}a. Does the Board know about item {number}?"
            if number % 50 == 1
            else "",
            agencies[number % 5] if number % 10 == 1 else "",
            f"Response number {number} to the question",
            f"Action {number}: review the pathway and report",
            ("G", "A", "R", "Action complete")[number % 4],
            f"Constraint {number * 7 % 13}",
            f"March {2016 + number % 5}",
            f"Lead officer {number % 97}",
            f"Outcome {number}: fewer children missed",
        ]
        for tc, text in zip(row.iter(qn("w:tc")), texts, strict=True):
            paragraph = tc.find(qn("w:p"))
            run = etree.SubElement(paragraph, qn("w:r"))
            etree.SubElement(run, qn("w:t")).text = text
        table._tbl.append(row)
    path = tmp_path_factory.mktemp("long") / "long.docx"
    document.save(str(path))
    return path


def test_five_thousand_rows(long_table_docx: Path) -> None:
    tables = extract_file(long_table_docx)
    assert len(tables.actions) == 5000
    assert len(tables.questions) == 100
    assert tables.actions[-1]["action"] == "Action 5000: review the pathway and report"
    assert tables.document["coverage"] == 1.0


# Peak memory of the process that reads the PDF. Linux's /proc figure is used when
# there is one: getrusage's ru_maxrss survives exec, so a child started from a big
# test process would report its parent's peak.
_BIG_PDF_SCRIPT = """
import json, re, resource, sys
from pathlib import Path
from extract.app.pipeline import extract_file
tables = extract_file(Path(sys.argv[1]))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
status = Path("/proc/self/status")
if status.exists():
    peak = int(re.search(r"VmHWM:\\s*(\\d+)", status.read_text()).group(1)) // 1024
print(json.dumps({"pages": tables.document["pages"], "actions": len(tables.actions),
                  "coverage": tables.document["coverage"], "peak_mb": peak}))
"""


def test_thousand_page_pdf_in_bounded_memory(tmp_path: Path) -> None:
    """A 1,000-page PDF (a short action table, then 999 pages of text) in a fresh
    process whose peak memory is measured: pages are closed as they are read."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

    styles = getSampleStyleSheet()
    rows = [list(HEADERS)] + [
        [
            f"{i}a. Question {i}",
            "Police",
            f"Response {i}",
            f"Action {i}",
            "G",
            "None",
            "March 2016",
            "J Smith",
            f"Outcome {i}",
        ]
        for i in range(1, 4)
    ]
    story: list[object] = [
        Paragraph("Finding 1: A long report", styles["Heading1"]),
        Table(rows, style=[("GRID", (0, 0), (-1, -1), 0.5, colors.black)]),
    ]
    for page in range(2, 1001):
        text = (
            f"Page {page}: narrative on the review, its findings and the Board's work."
        )
        story += [PageBreak(), Paragraph(text, styles["Normal"])]
    path = tmp_path / "thousand.pdf"
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)

    done = subprocess.run(
        [sys.executable, "-c", _BIG_PDF_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    stats = json.loads(done.stdout)
    assert (stats["pages"], stats["actions"], stats["coverage"]) == (1000, 3, 1.0)
    assert stats["peak_mb"] < 250, stats


# --- coverage ------------------------------------------------------------------


@pytest.mark.parametrize("sample", [GOOD_DOCX, GOOD_PDF])
def test_samples_are_fully_covered(extracted: Callable, sample: str) -> None:
    run = extracted(sample)
    documents = pq.read_table(run.out_dir / "documents.parquet").to_pylist()
    assert [d["coverage"] for d in documents] == [1.0]


def _losing(field: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `normalise` drop the first non-empty output cell of `field`."""
    real = extract.app.pipeline.normalise

    def normalise(doc: ExtractedDocument, registry: object = None) -> TableSet:
        tables = real(doc, registry)  # type: ignore[arg-type]
        rows = tables.questions if field == "text" else tables.actions
        next(row for row in rows if row[field])[field] = ""
        return tables

    monkeypatch.setattr(extract.app.pipeline, "normalise", normalise)


@pytest.mark.parametrize("field", ["action", "agency_raw", "rag_raw", "text"])
def test_a_dropped_cell_lowers_coverage(
    samples_dir: Path, monkeypatch: pytest.MonkeyPatch, field: str
) -> None:
    _losing(field, monkeypatch)
    outcome = extract_tables(samples_dir / GOOD_DOCX)
    assert not isinstance(outcome, Failure)
    assert 0.99 < outcome.coverage < 1.0
    assert outcome.warning is not None and "100.00%" not in outcome.warning
    batch = Batch()
    batch.add(0, outcome)
    assert batch.extracted == 1 and batch.failed == 0 and batch.incomplete == 1
    assert [(e["stage"], e["kind"]) for e in batch.errors] == [
        ("normalise", "incomplete")
    ]
    assert batch.tables()["documents"].column("coverage").to_pylist() == [
        outcome.coverage
    ]


def test_a_label_repeated_on_every_row_is_not_a_loss(tmp_path: Path) -> None:
    """A finding printed on each row (cells not merged) is written once, and the
    plan is still wholly covered; a different label on a row still counts."""
    document = docx.Document()
    headers = ("Finding", "Agency", "Response", "Action", "RAG", "Lead Officer")
    table = document.add_table(rows=1, cols=len(headers))
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    for number in range(1, 5):
        values = ("Finding 1: Poor information sharing", "Police")
        values += (f"Response {number}", f"Action {number}", "Green", "J Smith")
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    path = tmp_path / "repeated.docx"
    document.save(str(path))
    tables = extract_file(path)
    assert [f["finding_id"] for f in tables.findings] == ["1"]
    assert len(tables.actions) == 4 and tables.document["coverage"] == 1.0


def test_duplicated_text_does_not_hide_a_loss(
    samples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text repeated in the output cannot stand in for text dropped elsewhere."""
    real = extract.app.pipeline.normalise

    def normalise(doc: ExtractedDocument, registry: object = None) -> TableSet:
        tables = real(doc, registry)  # type: ignore[arg-type]
        rows = [row for row in tables.actions if row["action"]]
        rows[1]["action"] = rows[0]["action"]  # the first copied over the second
        return tables

    monkeypatch.setattr(extract.app.pipeline, "normalise", normalise)
    assert extract_file(samples_dir / GOOD_DOCX).document["coverage"] < 1.0
