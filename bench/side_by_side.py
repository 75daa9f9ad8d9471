"""Side by side (issue 16): our extraction against the libraries, as a user runs each.

    .venv/bin/python bench/side_by_side.py [--repeats N] [--only pdf|word]
                                           [--baseline DIR]

Every contender is a fresh process started the way a user would start it (our
extraction is the `scr-extract extract` command itself, worker process and
writing included; a library is a short script), so start-up and imports count
for everyone alike. Each runs `--repeats` times, interleaved so that a burst of
load elsewhere on the machine hits all of them; medians of wall and CPU seconds
(the child's own user + system time) are printed, and each as a ratio to the bare
parse of its format: pdfplumber's character parse for the PDF contenders,
python-docx's cell read for the Word ones. Contenders whose library is not
installed (camelot, PyMuPDF) are listed as skipped; they are not dependencies
of the project. Nothing here is a test: targets are printed as met or not met.

`--baseline DIR` (repeatable) adds our command run from another copy of the
code (say `git archive <commit> | tar -x -C DIR`), interleaved with the rest, so
that a change is measured against what it changes under the same load; `--only`
runs one format's contenders, `--no-peers` leaves out the other table finders.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "samples" / "julia-action-plan.pdf"
DOCX = ROOT / "samples" / "julia-action-plan.docx"
SCR_EXTRACT = Path(sys.executable).with_name("scr-extract")

# Targets of issue 16: our extraction over the bare parse of the same file.
TARGET_PDF = 0.8
TARGET_WORD = 1.0
PR_SET_CHILD_SUBREAPER = 36
# The other table finders, left out by --no-peers.
PEERS = ("pdfplumber extract_tables()", "camelot lattice", "PyMuPDF find_tables()")

PDFPLUMBER_CHARS = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        len(page.chars)
        page.close()
"""
PDFPLUMBER_TABLES = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_tables()
        page.close()
"""
CAMELOT_LATTICE = """
import sys, camelot
camelot.read_pdf(sys.argv[1], pages="all", flavor="lattice")
"""
PYMUPDF_TABLES = """
import sys, pymupdf
for page in pymupdf.open(sys.argv[1]):
    page.find_tables()
"""
PDFIUM_CHARS = """
import sys, pypdfium2
for page in pypdfium2.PdfDocument(sys.argv[1]):
    text = page.get_textpage()
    count = text.count_chars()
    text.get_text_range(0, count)
    for i in range(count):
        text.get_charbox(i)
"""
DOCX_CELLS = """
import sys, docx
for table in docx.Document(sys.argv[1]).tables:
    for row in table.rows:
        for cell in row.cells:
            cell.text
"""


@dataclass(frozen=True, slots=True)
class Contender:
    """One way of reading a file: a command line, and the library it needs."""

    label: str
    kind: str  # "pdf" or "word": which bare parse it is compared with
    argv: tuple[str, ...]
    needs: str | None = None
    bare: bool = False
    pythonpath: str | None = None  # the copy of our code to run (a baseline)


def contenders(out: Path, baselines: list[Path]) -> list[Contender]:
    py = sys.executable
    ours = (str(SCR_EXTRACT), "extract")
    found = [
        Contender("pdfplumber page.chars (bare parse)", "pdf",
                  (py, "-c", PDFPLUMBER_CHARS, str(PDF)), bare=True),
        Contender("scr-extract extract PDF", "pdf",
                  (*ours, str(PDF), "-o", str(out / "pdf"))),
        Contender("pdfplumber extract_tables()", "pdf",
                  (py, "-c", PDFPLUMBER_TABLES, str(PDF))),
        Contender("camelot lattice", "pdf",
                  (py, "-c", CAMELOT_LATTICE, str(PDF)), needs="camelot"),
        Contender("PyMuPDF find_tables()", "pdf",
                  (py, "-c", PYMUPDF_TABLES, str(PDF)), needs="pymupdf"),
        Contender("pypdfium2 chars with boxes (floor)", "pdf",
                  (py, "-c", PDFIUM_CHARS, str(PDF)), needs="pypdfium2"),
        Contender("python-docx cell read (bare read)", "word",
                  (py, "-c", DOCX_CELLS, str(DOCX)), bare=True),
        Contender("scr-extract extract Word", "word",
                  (*ours, str(DOCX), "-o", str(out / "word"))),
    ]  # fmt: skip
    main_ = "from extract.app.cli import entry; entry()"  # as the installed command
    for baseline in baselines:
        for kind, path in (("pdf", PDF), ("word", DOCX)):
            folder = out / f"{baseline.name}-{kind}"
            argv = (py, "-c", main_, "extract", str(path), "-o", str(folder))
            label = f"ours from {baseline.name} ({kind})"
            found.append(Contender(label, kind, argv, pythonpath=str(baseline)))
    return found


def compile_sources(roots: list[Path]) -> None:
    """Write the bytecode of our packages in each copy measured, as a user's
    first run (or pip's install) does. An environment that forbids writing it
    (PYTHONDONTWRITEBYTECODE) would otherwise make our command compile every
    module at each run, while the libraries' installed bytecode is used."""
    for root in roots:
        folders = [str(root / name) for name in ("extract", "normalise", "schemas")]
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", *folders],
            check=True,
            stdout=subprocess.DEVNULL,
        )


def become_subreaper() -> None:
    """Adopt orphaned descendants (Linux `PR_SET_CHILD_SUBREAPER`), so that a
    worker started by a fork server, which outlives its parent for a moment, is
    still reaped here and its CPU time counted in `RUSAGE_CHILDREN`."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(contender: Contender) -> tuple[float, float]:
    """Wall and CPU seconds of one run of the contender (CPU: the process and
    all its descendants, e.g. our worker process)."""
    argv = contender.argv
    env = None
    if contender.pythonpath is not None:
        env = {**os.environ, "PYTHONPATH": contender.pythonpath}
    cpu_before = _children_cpu()
    began = time.perf_counter()
    process = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env
    )
    wall = time.perf_counter() - began
    with contextlib.suppress(ChildProcessError):
        while True:  # descendants adopted by this process
            os.wait()
    if process.returncode != 0:
        raise SystemExit(f"failed (exit {process.returncode}): {' '.join(argv[:3])}")
    return wall, _children_cpu() - cpu_before


def measure(runnable: list[Contender], repeats: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each contender, runs interleaved."""
    walls: dict[str, list[float]] = {c.label: [] for c in runnable}
    cpus: dict[str, list[float]] = {c.label: [] for c in runnable}
    for _ in range(repeats):
        for contender in runnable:
            wall, cpu = run_once(contender)
            walls[contender.label].append(wall)
            cpus[contender.label].append(cpu)
    return {
        label: (statistics.median(walls[label]), statistics.median(cpus[label]))
        for label in walls
    }


def report(all_: list[Contender], medians: dict[str, tuple[float, float]]) -> None:
    bare = {c.kind: medians[c.label] for c in all_ if c.bare}
    print(f"{'contender':40} {'wall s':>7} {'cpu s':>7} {'x bare':>7} {'(cpu)':>7}")
    for contender in all_:
        if contender.label not in medians:
            print(f"{contender.label:40} skipped: {contender.needs} not installed")
            continue
        wall, cpu = medians[contender.label]
        base_wall, base_cpu = bare[contender.kind]
        print(
            f"{contender.label:40} {wall:7.2f} {cpu:7.2f} "
            f"{wall / base_wall:7.2f} {cpu / base_cpu:7.2f}"
        )
    for kind, label, target in (
        ("pdf", "scr-extract extract PDF", TARGET_PDF),
        ("word", "scr-extract extract Word", TARGET_WORD),
    ):
        if label not in medians:
            continue
        ratio = medians[label][0] / bare[kind][0]
        cpu_ratio = medians[label][1] / bare[kind][1]
        verdict = "met" if ratio <= target else "NOT met"
        print(
            f"target: {label} <= {target} x bare parse: {ratio:.2f} "
            f"(cpu {cpu_ratio:.2f}), {verdict}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", choices=("pdf", "word"), help="one format only")
    parser.add_argument(
        "--no-peers",
        action="store_true",
        help="leave out the table finders (pdfplumber, camelot, PyMuPDF): bare "
        "parses, floor and ours only",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        action="append",
        default=[],
        help="also run our command from this copy of the code (repeatable)",
    )
    opts = parser.parse_args(argv)
    compile_sources([ROOT, *opts.baseline])
    become_subreaper()
    out = Path(tempfile.mkdtemp(prefix="scr-side-"))
    try:
        all_ = contenders(out, opts.baseline)
        all_ = [c for c in all_ if opts.only in (None, c.kind)]
        if opts.no_peers:
            all_ = [c for c in all_ if c.label not in PEERS]
        runnable = [c for c in all_ if c.needs is None or find_spec(c.needs)]
        load = os.getloadavg()[0]
        print(f"load average at start: {load:.2f}; {PDF.name}, {DOCX.name}")
        medians = measure(runnable, opts.repeats)
        report(all_, medians)
        print(f"load average at end: {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
