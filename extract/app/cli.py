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
from typing import TYPE_CHECKING

from extract.app.workers import DEFAULT_TIMEOUT, start_early

if TYPE_CHECKING:
    from normalise.agencies import Registry

# This module imports little (no normaliser, no readers, no writers): `extract`
# starts its fork server first, and the rest loads beside it.

# The --format choices and the files each writes; `excel` is another name for xlsx.
FORMATS: dict[str, tuple[str, ...]] = {
    "both": ("parquet", "csv"),
    "parquet": ("parquet",),
    "csv": ("csv",),
    "xlsx": ("xlsx",),
    "excel": ("xlsx",),
    "all": ("parquet", "csv", "xlsx"),
}


def build_parser() -> argparse.ArgumentParser:
    """The command-line grammar (kept separate so tests and --help share it)."""
    parser = argparse.ArgumentParser(
        prog="scr-extract",
        description="Turn safeguarding review action plans (PDF, Word) into tables.",
    )
    parser.add_argument("--version", action=_Version)
    commands = parser.add_subparsers(dest="command", required=True)
    _add_extract(commands)
    _add_summary(commands)
    _add_check(commands)
    _add_inspect(commands)
    return parser


class _Version(argparse.Action):
    """`--version`: the installed version, looked up only when asked (the
    lookup loads importlib.metadata, which every run would otherwise pay for
    before its first document, issue 16)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(
            option_strings,
            dest=argparse.SUPPRESS,
            default=argparse.SUPPRESS,
            nargs=0,
            help="show the version and exit",
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from extract.write.folder import tool_version

        print(f"{parser.prog} {tool_version()}")
        parser.exit()


# The object `add_subparsers` returns; argparse gives its class no public name.
Commands = argparse._SubParsersAction


def _add_extract(commands: Commands) -> None:
    run = commands.add_parser(
        "extract", help="extract findings, questions and actions from documents"
    )
    run.add_argument(
        "paths",
        nargs="+",
        type=Path,
        help="plan files (PDF, Word), or folders to search for them",
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
        type=str.lower,
        choices=tuple(FORMATS),
        default="both",
        help="which files to write: Parquet and CSV per table (both, the default), "
        "one of them, one Excel workbook scr-extract.xlsx with a sheet per table "
        "(xlsx, or excel), or all three (all); any case",
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
    talk = run.add_mutually_exclusive_group()
    talk.add_argument(
        "-q", "--quiet", action="store_true", help="print only errors and warnings"
    )
    talk.add_argument(
        "-v", "--verbose", action="store_true", help="also print a line per document"
    )


def _add_summary(commands: Commands) -> None:
    summary = commands.add_parser(
        "summary",
        help="RAG counts by agency and by finding, and a heatmap per document",
    )
    summary.add_argument(
        "outdir", type=Path, help="an output folder of `extract` (with actions)"
    )
    summary.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder for the heatmap pictures (default: OUTDIR)",
    )


def _add_check(commands: Commands) -> None:
    check = commands.add_parser(
        "check", help="extract a document and compare it with a golden folder"
    )
    check.add_argument("document", type=Path, help="a plan file (PDF, Word)")
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


def _add_inspect(commands: Commands) -> None:
    inspect = commands.add_parser(
        "inspect", help="draw the tables, rows and merges found on one PDF page"
    )
    inspect.add_argument("document", type=Path, help="a PDF file")
    inspect.add_argument("--page", type=int, required=True, help="page number, from 1")
    inspect.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="picture to write: .png, or .jpg/.jpeg",
    )
    inspect.add_argument(
        "--resolution",
        type=_positive(int),
        default=100,
        metavar="DPI",
        help="pixels per inch of the picture (default: 100)",
    )


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    handlers = {
        "extract": _extract,
        "summary": _summary,
        "check": _check,
        "inspect": _inspect,
    }
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:  # Ctrl-C in summary, check or inspect: no traceback
        print("scr-extract: interrupted", file=sys.stderr)
        return 130


def _extract(args: argparse.Namespace) -> int:
    start_early(args.paths)
    registry = _registry(args.registry)
    if registry is None:
        return 2
    from extract.app.batch_run import run_extract

    verbosity = -1 if args.quiet else 1 if args.verbose else 0
    return run_extract(
        args.paths,
        args.output,
        FORMATS[args.format],
        registry,
        workers=args.workers,
        timeout=args.timeout,
        verbosity=verbosity,
    )


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
    from normalise.agencies import load_registry

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
    from extract.commands.summary import summarise

    return summarise(args.outdir, args.output or args.outdir)


def _check(args: argparse.Namespace) -> int:
    from extract.app.pipeline import Failure
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


def entry() -> None:
    """The installed command: `main`, then out without the interpreter's teardown.

    Every output is written, closed and renamed into place, and every worker
    stopped, before `main` returns; freeing the run's objects and modules one by
    one (pyarrow's among them) only delays the prompt, by about 0.05 s. The
    standard streams are flushed first, so nothing printed is lost."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
