"""PDF reader cases that need no sample: a page with no text layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import NoTextLayer
from extract.pdf_reader import read_pdf
from extract.pipeline import Failure, extract_one


def _blank_pdf(path: Path) -> Path:
    """A valid one-page PDF whose page draws a box but carries no text (a scan
    looks the same to a text extractor)."""
    content = b"0 0 m 100 100 l S"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def test_pdf_without_text_layer_is_a_clear_error(tmp_path: Path) -> None:
    pdf = _blank_pdf(tmp_path / "scan.pdf")
    with pytest.raises(NoTextLayer):
        read_pdf(pdf)
    result = extract_one(pdf)
    assert isinstance(result, Failure)
    assert result.kind == "no_text"
    assert "\n" not in result.message


def test_truncated_pdf_is_a_load_error(samples_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes((samples_dir / "julia-action-plan.pdf").read_bytes()[:2000])
    result = extract_one(broken)
    assert isinstance(result, Failure)
    assert result.kind in {"load_error", "no_text"}
