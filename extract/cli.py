"""The `scr-extract` command: `extract PATH... -o DIR` over files and folders.

Exit codes: 0 when every document was extracted, 1 when some failed (each failure
printed on one line and listed in DIR/errors.csv), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tqdm import tqdm

from extract.pipeline import TABLE_NAMES, Failure, extract_one, find_inputs
from extract.write import write_tables
from normalise.agencies import Registry, load_registry


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
        choices=("both", "parquet", "csv"),
        default="both",
        help="which files to write for each table (default: both)",
    )
    run.add_argument(
        "--registry",
        type=Path,
        default=None,
        help="an agency registry JSON file to use instead of the built-in one",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    return _extract(args)


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
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in TABLE_NAMES}
    failures: list[Failure] = []
    for path in tqdm(
        inputs, desc="documents", unit="doc", file=sys.stderr, disable=len(inputs) < 2
    ):
        result = extract_one(path, registry)
        if isinstance(result, Failure):
            failures.append(result)
            tqdm.write(f"error: {result}", file=sys.stderr)
            continue
        rows["documents"].append(result.document)
        rows["findings"].extend(result.findings)
        rows["questions"].extend(result.questions)
        rows["actions"].extend(result.actions)
    rows["errors"] = [
        {"source": f.source, "kind": f.kind, "message": f.message} for f in failures
    ]
    formats = ("parquet", "csv") if args.format == "both" else (args.format,)
    try:
        write_tables(args.output, rows, formats)
    except OSError as exc:
        print(
            f"scr-extract: cannot write to {args.output}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 2
    done = len(inputs) - len(failures)
    print(
        f"{done} of {len(inputs)} documents extracted, "
        f"{len(rows['actions'])} action rows -> {args.output}",
        file=sys.stderr,
    )
    return 1 if failures else 0


def _registry(path: Path | None) -> Registry | None:
    try:
        return load_registry(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(
            f"scr-extract: cannot read agency registry {path}: {exc}", file=sys.stderr
        )
        return None


if __name__ == "__main__":
    sys.exit(main())
