"""The `scr-extract` command: `extract PATH... -o DIR` over files and folders.

Exit codes: 0 when every document was extracted, 1 when some failed (each failure
printed on one line and listed in DIR/errors.csv), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from tqdm import tqdm

from extract.app.pipeline import (
    DEFAULT_TIMEOUT,
    Batch,
    Failure,
    extract_batch,
    find_inputs,
)
from extract.write.files import write_tables
from normalise.agencies import Registry, load_registry

# The --format choices and the files each writes.
FORMATS: dict[str, tuple[str, ...]] = {
    "both": ("parquet", "csv"),
    "parquet": ("parquet",),
    "csv": ("csv",),
    "xlsx": ("xlsx",),
    "all": ("parquet", "csv", "xlsx"),
}


def build_parser() -> argparse.ArgumentParser:
    """The command-line grammar (kept separate so tests and --help share it)."""
    parser = argparse.ArgumentParser(
        prog="scr-extract",
        description="Turn safeguarding review action plans (PDF, Word) into tables.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "extract", help="extract findings, questions and actions from documents"
    )
    run.add_argument(
        "paths",
        nargs="+",
        type=Path,
        help="PDF or .docx files, or folders to search for them",
    )
    run.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("output"),
        help="folder for the output tables (default: output/)",
    )
    run.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default="both",
        help="which files to write: Parquet and CSV per table (both, the default), "
        "one of them, one Excel workbook scr-extract.xlsx with a sheet per table "
        "(xlsx), or all three (all)",
    )
    run.add_argument(
        "--registry",
        type=Path,
        default=None,
        help="an agency registry JSON file to use instead of the built-in one",
    )
    run.add_argument(
        "--workers",
        type=_positive(int),
        default=os.cpu_count() or 1,
        help="documents extracted at once, each in its own process "
        "(default: the number of CPU cores)",
    )
    run.add_argument(
        "--timeout",
        type=_positive(float),
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help="time limit per document; a document that takes longer is stopped "
        f"and listed in errors (default: {DEFAULT_TIMEOUT:g})",
    )
    summary = commands.add_parser(
        "summary",
        help="RAG counts by agency and by finding, and OUTDIR/heatmap.png",
    )
    summary.add_argument(
        "outdir", type=Path, help="an output folder of `extract` (with actions)"
    )
    check = commands.add_parser(
        "check", help="extract a document and compare it with a golden folder"
    )
    check.add_argument("document", type=Path, help="a .pdf or .docx file")
    check.add_argument(
        "--expected",
        type=Path,
        required=True,
        metavar="GOLDEN_DIR",
        help="folder with actions.csv, questions.csv, findings.csv, document.json",
    )
    check.add_argument(
        "--min",
        type=_percent,
        default=100.0,
        metavar="PCT",
        help="lowest share of exact cells that passes (default: 100)",
    )
    inspect = commands.add_parser(
        "inspect", help="draw the tables, rows and merges found on one PDF page"
    )
    inspect.add_argument("document", type=Path, help="a PDF file")
    inspect.add_argument("--page", type=int, required=True, help="page number, from 1")
    inspect.add_argument(
        "-o", "--output", type=Path, required=True, help="PNG file to write"
    )
    inspect.add_argument(
        "--resolution",
        type=_positive(int),
        default=100,
        metavar="DPI",
        help="pixels per inch of the picture (default: 100)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    handlers = {
        "extract": _extract,
        "summary": _summary,
        "check": _check,
        "inspect": _inspect,
    }
    return handlers[args.command](args)


def _extract(args: argparse.Namespace) -> int:
    registry = _registry(args.registry)
    if registry is None:
        return 2
    if args.output.exists() and not args.output.is_dir():
        print(
            f"scr-extract: output {args.output} exists and is not a folder",
            file=sys.stderr,
        )
        return 2
    inputs = list(find_inputs(args.paths))
    if not inputs:
        print(
            "scr-extract: no .pdf or .docx files found in the paths given",
            file=sys.stderr,
        )
        return 2
    batch = Batch()
    outcomes = extract_batch(inputs, registry, args.workers, args.timeout)
    with tqdm(
        total=len(inputs),
        desc="documents",
        unit="doc",
        file=sys.stderr,
        disable=len(inputs) < 2,
    ) as progress:
        for index, outcome in outcomes:
            if isinstance(outcome, Failure):
                tqdm.write(f"error: {outcome}", file=sys.stderr)
            elif outcome.warning is not None:
                tqdm.write(
                    f"warning: {outcome.source}: {outcome.warning}", file=sys.stderr
                )
            batch.add(index, outcome)
            progress.update()
    formats = FORMATS[args.format]
    try:
        write_tables(args.output, batch.tables(), formats)
    except OSError as exc:
        print(
            f"scr-extract: cannot write to {args.output}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 2
    incomplete = (
        f"; {batch.incomplete} below 100% coverage (see errors)"
        if batch.incomplete
        else ""
    )
    print(
        f"{batch.extracted} of {len(inputs)} documents extracted, "
        f"{batch.action_rows} action rows -> {args.output}{incomplete}",
        file=sys.stderr,
    )
    return 1 if batch.failed else 0


def _positive(kind: type[int] | type[float]) -> Callable[[str], int | float]:
    """An argparse type: a number above zero, else a usage error (exit 2)."""

    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if not value > 0:  # also refuses "nan"
            raise argparse.ArgumentTypeError(f"expected a number above 0, got {text!r}")
        return value

    return parse


def _registry(path: Path | None) -> Registry | None:
    try:
        return load_registry(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(
            f"scr-extract: cannot read agency registry {path}: {exc}", file=sys.stderr
        )
        return None


# The commands below import their modules when run, so `extract` (and its worker
# processes) never pay for loading matplotlib, rich or the comparer.


def _summary(args: argparse.Namespace) -> int:
    from rich.console import Console

    from extract.commands.summary import (
        HEATMAP,
        grid,
        load_actions,
        print_counts,
        write_heatmap,
    )

    try:
        rows = load_actions(args.outdir)
    except FileNotFoundError as exc:
        print(f"scr-extract: {exc}", file=sys.stderr)
        return 2
    if not rows:
        print(f"scr-extract: no action rows in {args.outdir}", file=sys.stderr)
        return 1
    print_counts(rows, Console())
    write_heatmap(grid(rows), args.outdir / HEATMAP)
    print(f"heatmap -> {args.outdir / HEATMAP}", file=sys.stderr)
    return 0


def _check(args: argparse.Namespace) -> int:
    from extract.commands.check import check_document, report, shown

    golden = args.expected
    missing = [
        name
        for name in ("actions.csv", "questions.csv", "findings.csv", "document.json")
        if not (golden / name).is_file()
    ]
    if missing:
        print(
            f"scr-extract: {golden} is not a golden folder (no {', '.join(missing)})",
            file=sys.stderr,
        )
        return 2
    result = check_document(args.document, golden)
    if isinstance(result, Failure):
        print(f"error: {result}", file=sys.stderr)
        return 1
    print(report(result))
    passed = result.percent >= args.min
    verdict = "pass" if passed else "FAIL"
    print(f"{verdict}: {shown(result.percent)} exact (needed {args.min:g}%)")
    return 0 if passed else 1


def _inspect(args: argparse.Namespace) -> int:
    from extract.commands.inspect_page import InspectError, inspect_page

    try:
        drawn = inspect_page(args.document, args.page, args.output, args.resolution)
    except InspectError as exc:
        print(f"scr-extract: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        print(
            f"scr-extract: cannot write {args.output}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 2
    print(
        f"page {args.page}: {drawn.tables} tables, {drawn.cells} cells "
        f"({drawn.column_merges} merged across columns, {drawn.row_merges} down "
        f"rows) -> {args.output}",
        file=sys.stderr,
    )
    return 0


def _percent(text: str) -> float:
    """An argparse type: a percentage from 0 to 100, else a usage error."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"expected 0 to 100, got {text!r}")
    return value


if __name__ == "__main__":
    sys.exit(main())
