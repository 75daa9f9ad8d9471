"""Old and open office formats converted with LibreOffice, then read as OOXML.

`.doc`, `.rtf` and `.odt` are converted to `.docx`, and `.ods` to `.xlsx`, by
LibreOffice run headless (`soffice --convert-to`). Each conversion runs with:

- a private, throwaway user profile (`-env:UserInstallation`), so it never meets
  the user's own LibreOffice settings or an open LibreOffice window, and two
  conversions at once do not share one;
- a copy of the input in a temporary folder, and its output in that folder, so
  the input (and its folder: LibreOffice writes lock files beside what it opens)
  is never touched;
- a time limit, the document's default one: LibreOffice and everything it
  started (its own process group) are killed at the limit, and when the reading
  ends for any other reason.

Without `soffice` on PATH the file gets a `needs_libreoffice` error saying how to
install it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from schemas.blocks import ExtractedDocument
from schemas.errors import DocumentLoadError, NeedsLibreOffice

# No longer than a document's own default time limit (`--timeout`, 300 s).
TIME_LIMIT = 300.0
# (what the input is, the format it is converted to, LibreOffice's filter).
TARGETS = {
    "doc": ("docx", "docx:MS Word 2007 XML"),
    "rtf": ("docx", "docx:MS Word 2007 XML"),
    "odt": ("docx", "docx:MS Word 2007 XML"),
    "ods": ("xlsx", "xlsx:Calc MS Excel 2007 XML"),
}
INSTALL_HINT = (
    "install LibreOffice so that `soffice` is on PATH (Debian/Ubuntu: "
    "`apt-get install libreoffice-writer libreoffice-calc`; macOS: "
    "`brew install --cask libreoffice`; or https://www.libreoffice.org), "
    "or save the file as .docx/.xlsx"
)


def soffice() -> str | None:
    """The LibreOffice command on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: Path, kind: str, time_limit: float = TIME_LIMIT) -> bytes:
    """The bytes of `path` (a `kind` file) converted by LibreOffice."""
    if kind in ("odt", "ods"):  # a zip: no decompression bomb goes to LibreOffice
        from extract.docx.guards import check_package

        check_package(path.read_bytes(), xml=False)
    command = soffice()
    if command is None:
        raise NeedsLibreOffice(
            f"reading a .{kind} file needs LibreOffice: {INSTALL_HINT}"
        )
    target, output_filter = TARGETS[kind]
    with tempfile.TemporaryDirectory(prefix="scr-extract-lo-") as tmp:
        folder = Path(tmp)
        source = folder / "in" / f"document.{kind}"
        source.parent.mkdir()
        shutil.copyfile(path, source)
        profile = (folder / "profile").as_uri()
        out = folder / "out"
        args = [
            command,
            f"-env:UserInstallation={profile}",
            "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            "--convert-to", output_filter, "--outdir", str(out), str(source),
        ]  # fmt: skip
        _run(args, folder, time_limit, kind)
        result = out / f"document.{target}"
        if not result.is_file() or result.stat().st_size == 0:
            raise DocumentLoadError(
                f"LibreOffice could not read the .{kind} file (damaged, or "
                "password-protected?)"
            )
        return result.read_bytes()


def _run(args: list[str], folder: Path, time_limit: float, kind: str) -> None:
    """Run LibreOffice in its own process group; kill the group at the limit
    and whenever this returns or raises."""
    process = subprocess.Popen(
        args,
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        process.wait(timeout=time_limit)
    except subprocess.TimeoutExpired as exc:
        raise DocumentLoadError(
            f"LibreOffice took longer than {time_limit:g} s to convert the .{kind} file"
        ) from exc
    finally:
        # Everything LibreOffice started goes with it (when already gone: fine).
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def read_converted(path: Path, kind: str) -> ExtractedDocument:
    """A `.doc`, `.rtf` or `.odt` file read as the `.docx` LibreOffice makes of
    it; the document keeps its own format, name and checksum."""
    from extract.docx.reader import read_docx_blocks

    data = path.read_bytes()
    return ExtractedDocument(
        source=path,
        format=kind,  # type: ignore[arg-type]
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=read_docx_blocks(convert(path, kind)),
    )
