"""Small PDFs written byte by byte for reader tests: one page, one content stream.

A test that needs a precise case (text in a font without a text mapping, a page
with no text layer) is clearer with the PDF's few objects in front of it than
with a generator library's output.
"""

from __future__ import annotations

from pathlib import Path

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def one_page_pdf(
    path: Path, content: bytes, font: bytes = HELVETICA, *more_fonts: bytes
) -> Path:
    """A valid one-page PDF drawing `content`, with `font` as its font /F1 (and
    `more_fonts` as /F2, /F3, ...)."""
    fonts = (font, *more_fonts)
    names = b" ".join(b"/F%d %d 0 R" % (i + 1, 5 + i) for i in range(len(fonts)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 4 0 R"
        b" /Resources << /Font << %s >> >> >>" % names,
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        *fonts,
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
