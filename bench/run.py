"""Performance benchmark for issue 6: one command, about three minutes (idle, 2 cores).

    .venv/bin/python bench/run.py              # the full benchmark
    .venv/bin/python bench/run.py --quick      # one repeat, small batches (smoke run)
    .venv/bin/python bench/run.py --profile    # cProfile of (c) and (e) instead

Times, as medians over a few repeats in this process:

  (a) pdfplumber's bare character parse of every page of the sample PDF
      (open, `page.chars` for each page, close the page);
  (b) pdfplumber's bare `extract_tables()` over every page (pages closed);
  (c) the full extraction of the PDF to all output tables
      (`pipeline.extract_file` + `write.files.write_tables`, temp dir);
  (d) python-docx reading every cell's text of the sample DOCX;
  (e) the full DOCX extraction to all output tables;

then, each in a fresh child process so that one measurement cannot inflate the
next: peak RSS (the child's own VmHWM; `ru_maxrss` is no use here, see `child`)
of the imports alone, (a), (c) and (e); linearity, (c) on the sample and on a
PDF four times as long (the sample concatenated with pypdf), each child warmed
up first so once-per-process costs do not flatter the ratio; memory flatness,
RSS after 10 and after 50 documents extracted one after another in one process
(alternating the DOCX and the first pages of the PDF, to keep the run short);
and a batch of 20 documents (6 PDF, 14 DOCX) through `extract.app.cli.main` with
`--workers 1` and `--workers 2` (or one sequential run if the CLI has no
`--workers` option), checking that both write the same files.

Last, the side by side of issue 16 (`bench/side_by_side.py`, run as its own
process): every contender a fresh process as a user starts it, our side the
`scr-extract extract` command itself, each as a ratio to the bare parse of its
format, with issue 16's targets marked.

Not part of the test suite: nothing here asserts on time. Targets are printed
as met / not met.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "samples" / "julia-action-plan.pdf"
DOCX = ROOT / "samples" / "julia-action-plan.docx"

# Targets from issue 6.
TARGET_C_OVER_A = 1.5
TARGET_E_OVER_D = 2.0
TARGET_PEAK_MB = 150.0
TARGET_LINEAR = 4.4  # 4x the pages in at most 4.4x the time
TARGET_SPEEDUP = 1.7  # 2 workers against 1
# "Flat": RSS after 50 documents within this much of RSS after 10.
FLAT_TOLERANCE_MB = 10.0


# --------------------------------------------------------------------------
# The measured operations (shared by this process and the child processes)


def parse_chars(path: Path) -> int:
    """(a) pdfplumber's bare character parse: every page's `chars`, page closed."""
    import pdfplumber

    count = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            count += len(page.chars)
            page.close()
    return count


def parse_tables(path: Path) -> int:
    """(b) pdfplumber's default `extract_tables()` on every page, page closed."""
    import pdfplumber

    count = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            count += len(page.extract_tables())
            page.close()
    return count


def read_docx_cells(path: Path) -> int:
    """(d) python-docx: open, and every table's rows' cells' `.text`."""
    import docx

    count = 0
    document = docx.Document(str(path))
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                count += len(cell.text)
    return count


def full_extract(path: Path, outdir: Path) -> int:
    """(c), (e): one document to all output tables (Parquet and CSV), as the CLI
    writes them: `extract_file`, each table typed by its schema, `write_tables`."""
    from extract.app.pipeline import extract_file
    from extract.write.files import arrow_table, write_tables

    tables = extract_file(path)
    rows = {
        "documents": [tables.document],
        "findings": tables.findings,
        "questions": tables.questions,
        "actions": tables.actions,
        "errors": [],
    }
    write_tables(outdir, {name: arrow_table(name, part) for name, part in rows.items()})
    return len(tables.actions)


# --------------------------------------------------------------------------
# Child processes: `run.py --child KIND ARGS...` prints one JSON line


def _status_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status, in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _rss_mb() -> float:
    """This process's current resident set size."""
    return _status_mb("VmRSS")


def import_all() -> None:
    """Every library a run uses (pandas is imported by pyarrow on first use)."""
    import docx  # noqa: F401
    import pandas  # noqa: F401
    import pdfplumber  # noqa: F401

    import extract.app.pipeline
    import extract.write.files  # noqa: F401


def warm_up(sample: Path, outdir: Path) -> None:
    """What a process pays once, before its first document's own cost: the
    imports, a one-page extraction (compiled patterns, the agency registry) and
    the English word list that settles word breaks (loaded on the first document
    that has an ambiguous one). A batch worker pays it once, not per document."""
    import_all()
    full_extract(sample, outdir)
    with contextlib.suppress(ImportError, AttributeError):
        from extract.pdf.word_breaks import WORD_BREAK, resolve_breaks

        resolve_breaks([f"Novemb{WORD_BREAK}er"])


# Measurements that load only what the command itself loads, so their peak is
# what a user's processes reach (a worker never types rows, so never loads
# pyarrow or pandas; the main process does not parse documents).
LEAN_KINDS = ("worker", "command")


def child(kind: str, args: list[str]) -> None:
    """One measurement in a fresh interpreter, after the imports and, unless
    args[0] is "-", after `warm_up` on the file args[0]."""
    if kind not in LEAN_KINDS:
        import_all()
    out: dict[str, object] = {"rss_after_imports_mb": _rss_mb()}
    if args[0] != "-":
        with tempfile.TemporaryDirectory() as tmp:
            warm_up(Path(args[0]), Path(tmp))
    args = args[1:]
    with tempfile.TemporaryDirectory() as tmp:
        start, cpu = time.perf_counter(), time.process_time()
        if kind == "imports":
            pass
        elif kind == "cli":
            out["cli_seconds"], out["exit"] = run_cli(args)
        elif kind == "chars":
            parse_chars(Path(args[0]))
        elif kind == "extract":
            full_extract(Path(args[0]), Path(tmp))
        elif kind == "worker":
            from extract.app.pipeline import extract_tables

            extract_tables(Path(args[0]))
        elif kind == "command":
            argv = ["extract", args[0], "-o", tmp, "--workers", "1"]
            out["cli_seconds"], out["exit"] = run_cli(argv)
        elif kind == "flat":
            checkpoints = {int(n) for n in args[0].split(",")}
            files = [Path(a) for a in args[1:]]
            rss: dict[int, float] = {}
            for done, path in enumerate(files, start=1):
                full_extract(path, Path(tmp) / "out")
                if done in checkpoints:
                    rss[done] = _rss_mb()
            out["rss_after_mb"] = rss
        else:
            raise SystemExit(f"unknown child kind {kind!r}")
        out["seconds"] = time.perf_counter() - start
        out["cpu_seconds"] = time.process_time() - cpu
    # The high-water mark of this process's own memory since its exec. Not
    # ru_maxrss: Linux carries the parent's RSS at fork into the child's
    # ru_maxrss (RUSAGE_SELF, wait4 and RUSAGE_CHILDREN alike), so a child of
    # this 300 MB benchmark would report 300 MB whatever it did.
    out["peak_rss_mb"] = _status_mb("VmHWM")
    print(json.dumps(out))


def run_child(kind: str, warm: Path | str, *args: str | Path) -> dict[str, object]:
    """Run a child measurement; its JSON line, with its peak RSS in MB."""
    command = [sys.executable, __file__, "--child", kind, str(warm), *map(str, args)]
    done = subprocess.run(command, stdout=subprocess.PIPE, cwd=ROOT, check=True)
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


# --------------------------------------------------------------------------
# Helpers


@dataclass
class Timing:
    """Medians of wall-clock and CPU seconds over some runs, and every wall time."""

    wall: float
    cpu: float
    runs: list[float]

    def line(self, label: str) -> str:
        runs = " ".join(f"{t:.2f}" for t in self.runs)
        return f"{label:<36}{self.wall:7.2f} s  cpu {self.cpu:6.2f} s   runs {runs}"


def median_time(fn: Callable[[], object], repeats: int) -> Timing:
    walls, cpus = [], []
    for _ in range(repeats):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return Timing(statistics.median(walls), statistics.median(cpus), walls)


def concatenate(source: Path, copies: int, target: Path) -> int:
    """`source` `copies` times over into `target` (pypdf); return its page count."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(copies):
        writer.append(str(source))
    with target.open("wb") as handle:
        writer.write(handle)
    return len(writer.pages)


def first_pages(source: Path, pages: int, target: Path) -> int:
    """The first `pages` pages of `source` into `target` (pypdf)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.append(str(source), pages=(0, pages))
    with target.open("wb") as handle:
        writer.write(handle)
    return len(writer.pages)


def cli_has_workers() -> bool:
    """Whether `scr-extract extract` accepts `--workers` (being added elsewhere)."""
    from extract.app.cli import build_parser

    parser = build_parser()
    for action in parser._actions:
        for sub in getattr(action, "choices", None) or {}:
            subparser = action.choices[sub]
            if sub == "extract" and "--workers" in subparser._option_string_actions:
                return True
    return False


def run_cli(argv: list[str]) -> tuple[float, int]:
    """`extract.app.cli.main(argv)` with its stderr (progress bar, summary) captured."""
    from extract.app.cli import main

    sink = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stderr(sink):
        code = main(argv)
    return time.perf_counter() - start, code


def same_tables(left: Path, right: Path) -> bool:
    """Whether two output folders hold the same files, byte for byte, but for
    the manifest, which records the time of its run."""
    from extract.write.folder import MANIFEST

    def names(folder: Path) -> list[str]:
        return sorted(p.name for p in folder.iterdir() if p.is_file())

    tables = [name for name in names(left) if name != MANIFEST]
    if not tables or names(left) != names(right):
        return False
    return all((left / n).read_bytes() == (right / n).read_bytes() for n in tables)


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError), open("/proc/meminfo") as info:
        for line in info:
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
                break
    packages = ", ".join(
        f"{name} {_version(name)}"
        for name in ("pdfplumber", "pdfminer.six", "python-docx", "pyarrow", "pypdf")
    )
    return {
        "cpu": cpu,
        "cores (nproc)": str(os.cpu_count()),
        "memory": memory,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": platform.platform(),
        "packages": packages,
    }


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "missing"


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def say(text: str = "") -> None:
    print(text, flush=True)


# --------------------------------------------------------------------------
# The benchmark


def benchmark(opts: argparse.Namespace) -> None:
    began = time.perf_counter()
    import pdfplumber

    with pdfplumber.open(PDF) as pdf:
        n_pages = len(pdf.pages)
    say("machine")
    for key, value in machine().items():
        say(f"  {key}: {value}")
    say(f"samples: {PDF.name} ({n_pages} pages), {DOCX.name}")
    say(f"repeats: {opts.repeats} (PDF), {opts.docx_repeats} (DOCX); medians")
    say(f"load average at start: {_load()} (1, 5, 15 min)")
    say()

    tmp = Path(tempfile.mkdtemp(prefix="scr-bench-"))
    try:
        _timings_and_memory(opts, tmp, n_pages)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    side_by_side(opts.side_repeats)
    say(f"\nbenchmark wall time {time.perf_counter() - began:.0f} s")


def side_by_side(repeats: int) -> None:
    """Issue 16's side by side, `bench/side_by_side.py` in a child process (it
    makes itself the subreaper of its contenders' processes, which this process
    must not become)."""
    say("\nside by side (issue 16), each contender a fresh process, as a user runs it")
    script = Path(__file__).with_name("side_by_side.py")
    command = [sys.executable, str(script), "--repeats", str(repeats)]
    subprocess.run(command, cwd=ROOT, check=True)


def _timings_and_memory(opts: argparse.Namespace, tmp: Path, n_pages: int) -> None:
    # ---- (a) to (e), in this process
    out = tmp / "single"
    a = median_time(lambda: parse_chars(PDF), opts.repeats)
    say(a.line("(a) pdfplumber chars, all pages"))
    b = median_time(lambda: parse_tables(PDF), opts.repeats)
    say(b.line("(b) pdfplumber extract_tables()"))
    c = median_time(lambda: full_extract(PDF, out), opts.repeats)
    say(c.line("(c) full PDF extraction"))
    d = median_time(lambda: read_docx_cells(DOCX), opts.docx_repeats)
    say(d.line("(d) python-docx cell read"))
    e = median_time(lambda: full_extract(DOCX, out), opts.docx_repeats)
    say(e.line("(e) full DOCX extraction"))
    say()
    ca, cb, ed = c.wall / a.wall, c.wall / b.wall, e.wall / d.wall
    say("ratios of wall medians (of CPU medians in brackets)")
    say(
        f"  c/a = {ca:.2f} ({c.cpu / a.cpu:.2f})   target <= {TARGET_C_OVER_A}: "
        f"{verdict(ca <= TARGET_C_OVER_A)}"
    )
    say(f"  c/b = {cb:.2f} ({c.cpu / b.cpu:.2f})")
    say(
        f"  e/d = {ed:.2f} ({e.cpu / d.cpu:.2f})   target <= {TARGET_E_OVER_D}: "
        f"{verdict(ed <= TARGET_E_OVER_D)}"
    )
    say(
        f"  PDF: {a.wall / n_pages * 1000:.0f} ms/page to parse the characters, "
        f"{(c.wall - a.wall) / n_pages * 1000:.0f} ms/page on top for the rest"
    )
    say(f"  load average now {_load()}")
    say()

    # ---- peak memory, each in a fresh process that has only done the imports
    base = run_child("imports", "-")
    mem_a = run_child("chars", "-", PDF)
    mem_c = run_child("extract", "-", PDF)
    mem_e = run_child("extract", "-", DOCX)
    floor = base["peak_rss_mb"]
    say("peak RSS, a fresh process each, imports done first (pdfplumber,")
    say("python-docx, pyarrow, pandas, the project: the floor)")

    def mem(label: str, result: dict[str, object], target: float | None = None):
        peak = result["peak_rss_mb"]
        line = f"  {label:<34}{peak:7.1f} MB  +{peak - floor:6.1f} MB over the floor"
        if target is not None:
            line += f"   target <= {target:.0f} MB: {verdict(peak <= target)}"
        say(line)

    mem("imports only (floor)", base)
    mem("(a) pdfplumber chars", mem_a)
    mem("(c) full PDF extraction", mem_c, TARGET_PEAK_MB)
    mem("(e) full DOCX extraction", mem_e)
    say("peak RSS of the processes `scr-extract extract PDF --workers 1` runs,")
    say("each loading only what it needs")
    for label, result in (
        ("main process (types, writes)", run_child("command", "-", PDF)),
        ("worker process (reads, normalises)", run_child("worker", "-", PDF)),
    ):
        peak = result["peak_rss_mb"]
        say(
            f"  {label:<34}{peak:7.1f} MB   target <= {TARGET_PEAK_MB:.0f} MB: "
            f"{verdict(peak <= TARGET_PEAK_MB)}"
        )
    say()

    # ---- linearity: 1x and 4x the pages, each in a fresh process warmed up on
    # one page, so that once-per-process costs do not flatter the ratio
    warm = tmp / "julia-page-1.pdf"
    first_pages(PDF, 1, warm)
    long_pdf = tmp / "julia-x4.pdf"
    long_pages = concatenate(PDF, 4, long_pdf)
    lin_1 = run_child("extract", warm, PDF)
    lin_4 = run_child("extract", warm, long_pdf)
    ratio = lin_4["seconds"] / lin_1["seconds"]
    cpu_ratio = lin_4["cpu_seconds"] / lin_1["cpu_seconds"]
    say("linearity of (c), a fresh warmed-up process each (CPU seconds in brackets)")
    say(
        f"  {n_pages} pages {lin_1['seconds']:.2f} s ({lin_1['cpu_seconds']:.2f}), "
        f"{long_pages} pages {lin_4['seconds']:.2f} s ({lin_4['cpu_seconds']:.2f}): "
        f"x{ratio:.2f} (x{cpu_ratio:.2f})   target <= {TARGET_LINEAR}: "
        f"{verdict(ratio <= TARGET_LINEAR)}"
    )
    say(
        f"  peak RSS: {lin_1['peak_rss_mb']:.1f} MB on {n_pages} pages, "
        f"{lin_4['peak_rss_mb']:.1f} MB on {long_pages} pages"
    )
    say()

    # ---- memory flatness over a batch in one process
    short_pdf = tmp / f"julia-first-{opts.flat_pages}.pdf"
    first_pages(PDF, opts.flat_pages, short_pdf)
    flat_docs = [short_pdf if i % 2 == 0 else DOCX for i in range(opts.flat_docs)]
    early = min(10, opts.flat_docs)
    marks = sorted({*range(early, opts.flat_docs, 10), opts.flat_docs})
    flat = run_child("flat", warm, ",".join(map(str, marks)), *flat_docs)
    rss = {int(k): v for k, v in flat["rss_after_mb"].items()}
    growth = rss[opts.flat_docs] - rss[early]
    say(
        f"memory flatness: {opts.flat_docs} documents in one process (alternating "
        f"the first {opts.flat_pages} PDF pages and the DOCX), {flat['seconds']:.0f} s"
    )
    say(
        "  RSS after " + ", ".join(f"{n}: {mb:.1f} MB" for n, mb in sorted(rss.items()))
    )
    say(
        f"  RSS after {early}: {rss[early]:.1f} MB, after {opts.flat_docs}: "
        f"{rss[opts.flat_docs]:.1f} MB, growth {growth:+.1f} MB, "
        f"peak {flat['peak_rss_mb']:.1f} MB "
        f"(flat = within {FLAT_TOLERANCE_MB:.0f} MB: "
        f"{verdict(growth <= FLAT_TOLERANCE_MB)})"
    )
    say()

    # ---- batch through the CLI
    _batch(opts, tmp)


def _batch(opts: argparse.Namespace, tmp: Path) -> None:
    inputs = tmp / "batch"
    inputs.mkdir()
    files: list[Path] = []
    # PDFs spread evenly through the batch, so that any split of the input list
    # into contiguous halves gives each worker the same share of PDF pages.
    step = opts.batch / opts.batch_pdfs if opts.batch_pdfs else 0
    pdf_slots = {int(i * step + step / 2) for i in range(opts.batch_pdfs)}
    for i in range(opts.batch):
        source = PDF if i in pdf_slots else DOCX
        target = inputs / f"plan-{i + 1:02d}{source.suffix}"
        shutil.copyfile(source, target)
        files.append(target)
    kinds = "".join("P" if f.suffix == ".pdf" else "D" for f in files)
    say(
        f"batch: {opts.batch} documents, {opts.batch_pdfs} PDF + "
        f"{opts.batch - opts.batch_pdfs} DOCX, in this order: {kinds}"
    )
    say(f"  load average before: {_load()}")
    args = ["extract", *map(str, files)]
    # Each run in a fresh process, timed around `extract.app.cli.main` (so the
    # worker processes' start-up counts, as it does for a user, but not the
    # benchmark's own imports), and a fresh fork server for each.
    if not cli_has_workers():
        run = run_child("cli", "-", *args, "-o", tmp / "out-seq")
        say(
            f"  the CLI has no --workers option yet: one sequential run "
            f"{run['cli_seconds']:.2f} s (exit {run['exit']}); speed-up not "
            f"measured (target >= {TARGET_SPEEDUP}x: NOT met)"
        )
        return
    runs = {}
    for workers in (1, 2):
        out = tmp / f"out-{workers}"
        runs[workers] = run_child("cli", "-", *args, "-o", out, "--workers", workers)
        run = runs[workers]
        say(
            f"  --workers {workers}  {run['cli_seconds']:7.2f} s (exit {run['exit']}), "
            f"{opts.batch / run['cli_seconds']:.2f} documents/s, "
            f"main process peak RSS {run['peak_rss_mb']:.0f} MB"
        )
    speedup = runs[1]["cli_seconds"] / runs[2]["cli_seconds"]
    same = same_tables(tmp / "out-1", tmp / "out-2")
    say(
        f"  speed-up x{speedup:.2f}   target >= {TARGET_SPEEDUP}: "
        f"{verdict(speedup >= TARGET_SPEEDUP)}; same tables with 1 and 2 workers: "
        f"{'yes' if same else 'NO'}"
    )
    say(f"  load average after: {_load()}")


def _load() -> str:
    """The 1, 5 and 15 minute load averages: other work on the machine skews
    wall times (CPU times much less so)."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# --------------------------------------------------------------------------
# Profiling (not timed: cProfile slows Python code down about twofold)


def profile(opts: argparse.Namespace) -> None:
    """cProfile of (c) and (e) after a warm-up, printed (and saved with
    --profile-dir, for `python -m pstats` or snakeviz)."""
    import cProfile
    import pstats

    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "julia-page-1.pdf"
        first_pages(PDF, 1, warm)
        warm_up(warm, Path(tmp))
        for label, path in (("c", PDF), ("e", DOCX)):
            profiler = cProfile.Profile()
            profiler.enable()
            full_extract(path, Path(tmp))
            profiler.disable()
            if opts.profile_dir:
                opts.profile_dir.mkdir(parents=True, exist_ok=True)
                profiler.dump_stats(opts.profile_dir / f"{label}.prof")
            stats = pstats.Stats(profiler)
            stats.sort_stats(opts.sort)
            say(
                f"==== cProfile ({label}): full extraction of {path.name}, "
                f"by {opts.sort}"
            )
            stats.print_stats(*([opts.restrict] if opts.restrict else []), opts.top)


# --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=3, help="PDF runs (3)")
    parser.add_argument("--docx-repeats", type=int, default=5, help="DOCX runs (5)")
    parser.add_argument(
        "--side-repeats", type=int, default=3, help="side-by-side runs (3)"
    )
    parser.add_argument("--batch", type=int, default=20, help="batch size (20)")
    parser.add_argument(
        "--batch-pdfs", type=int, default=6, help="PDFs in the batch, rest DOCX (6)"
    )
    parser.add_argument(
        "--flat-docs", type=int, default=50, help="documents in the flatness run (50)"
    )
    parser.add_argument(
        "--flat-pages",
        type=int,
        default=7,
        help="pages of the PDF used in the flatness run (7)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="one repeat, small batches (smoke run)"
    )
    parser.add_argument(
        "--profile", action="store_true", help="cProfile (c) and (e) instead"
    )
    parser.add_argument("--sort", default="cumulative", help="pstats sort key")
    parser.add_argument("--top", type=int, default=40, help="pstats lines")
    parser.add_argument("--restrict", help="pstats: only functions matching this")
    parser.add_argument("--profile-dir", type=Path, help="save c.prof and e.prof")
    opts = parser.parse_args(argv)
    if opts.child:
        child(opts.child[0], opts.child[1:])
        return
    if opts.quick:
        opts.repeats, opts.docx_repeats, opts.side_repeats = 1, 1, 1
        opts.batch, opts.batch_pdfs = 4, 2
        opts.flat_docs, opts.flat_pages = 12, 2
    if opts.batch_pdfs > opts.batch:
        parser.error("--batch-pdfs cannot exceed --batch")
    if opts.profile:
        profile(opts)
    else:
        benchmark(opts)


if __name__ == "__main__":
    main()
