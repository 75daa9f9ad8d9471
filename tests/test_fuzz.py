"""Mutation fuzzing over the samples: flipped bytes, truncations, shuffled, dropped
and damaged zip parts. The only outcomes allowed are tables or a clean `Failure`:
never a bug (`internal_error`), a crash or a hang.

The cases are drawn from a fixed seed, so CI runs the same ones every time and a
failure names a file that can be made again. `FUZZ_SEED` and `FUZZ_CASES` (cases
per mutation kind) in the environment draw other or more cases for a longer run.
All cases go through one batch in worker processes with a time limit, as the CLI
runs them, so a hang is caught as a timeout rather than stopping the test run.
"""

from __future__ import annotations

import io
import os
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from extract.app.pipeline import DocumentTables, Failure, extract_batch

SEED = int(os.environ.get("FUZZ_SEED", "20260101"))
CASES = int(os.environ.get("FUZZ_CASES", "4"))
# A small document reads in about a second; a case ten times slower is a hang.
TIMEOUT = 30.0
BUGS = {"internal_error", "timeout", "crashed"}

Mutation = Callable[[random.Random, bytes], bytes]


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _splice(rng: random.Random, data: bytes) -> bytes:
    """A block of the file copied over another place (a damaged disk sector)."""
    size = rng.randint(16, 4096)
    start, to = rng.randrange(len(data) - size), rng.randrange(len(data) - size)
    return data[:to] + data[start : start + size] + data[to + size :]


def _zip_edit(
    edit: Callable[[random.Random, list[tuple[zipfile.ZipInfo, bytes]]], None],
) -> Mutation:
    """A mutation of a package's parts, re-zipped into a valid zip."""

    def mutate(rng: random.Random, data: bytes) -> bytes:
        with zipfile.ZipFile(io.BytesIO(data)) as old:
            parts = [(info, old.read(info)) for info in old.infolist()]
        edit(rng, parts)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
            for info, body in parts:
                new.writestr(info.filename, body)
        return out.getvalue()

    return mutate


def _drop_part(rng: random.Random, parts: list[tuple[zipfile.ZipInfo, bytes]]) -> None:
    parts.pop(rng.randrange(len(parts)))


def _damage_xml(rng: random.Random, parts: list[tuple[zipfile.ZipInfo, bytes]]) -> None:
    """Bytes flipped inside one XML part, so the XML parser (not the zip CRC)
    meets the damage."""
    xml = [i for i, (info, _) in enumerate(parts) if info.filename.endswith(".xml")]
    index = rng.choice(xml)
    info, body = parts[index]
    parts[index] = (info, _flip(rng, body))


def _cut_xml(rng: random.Random, parts: list[tuple[zipfile.ZipInfo, bytes]]) -> None:
    xml = [i for i, (info, _) in enumerate(parts) if info.filename.endswith(".xml")]
    index = rng.choice(xml)
    info, body = parts[index]
    parts[index] = (info, _truncate(rng, body))


def _shuffle(rng: random.Random, parts: list[tuple[zipfile.ZipInfo, bytes]]) -> None:
    rng.shuffle(parts)


BYTE_MUTATIONS: dict[str, Mutation] = {
    "flip": _flip,
    "truncate": _truncate,
    "splice": _splice,
}
ZIP_MUTATIONS: dict[str, Mutation] = {
    "drop": _zip_edit(_drop_part),
    "xmlflip": _zip_edit(_damage_xml),
    "xmlcut": _zip_edit(_cut_xml),
}
SHUFFLE = _zip_edit(_shuffle)


@pytest.fixture(scope="module")
def corpus(
    samples_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, int]]:
    """The mutated files, named `KIND-N.ext` (reproducible from SEED), and the
    shuffled packages with the action count they must still give."""
    folder = tmp_path_factory.mktemp("fuzz")
    writer = PdfWriter()
    for page in PdfReader(samples_dir / "julia-action-plan.pdf").pages[:4]:
        writer.add_page(page)
    pdf = io.BytesIO()
    writer.write(pdf)
    seeds = {
        "pdf": pdf.getvalue(),
        "docx": (samples_dir / "julia-action-plan.docx").read_bytes(),
    }
    rng = random.Random(SEED)
    shuffled: dict[str, int] = {}
    for ext, data in seeds.items():
        mutations = dict(BYTE_MUTATIONS)
        if ext == "docx":
            mutations.update(ZIP_MUTATIONS)
            for n in range(2):
                name = f"docx-shuffle-{n}.docx"
                (folder / name).write_bytes(SHUFFLE(rng, data))
                shuffled[name] = 333
        for kind, mutate in mutations.items():
            for n in range(CASES):
                (folder / f"{ext}-{kind}-{n}.{ext}").write_bytes(mutate(rng, data))
    return folder, shuffled


def test_mutated_files_give_tables_or_a_clean_failure(
    corpus: tuple[Path, dict[str, int]],
) -> None:
    folder, shuffled = corpus
    paths = sorted(folder.iterdir())
    bugs: list[str] = []
    extracted = 0
    for index, outcome in extract_batch(paths, workers=2, timeout=TIMEOUT):
        name = paths[index].name
        if isinstance(outcome, Failure):
            assert outcome.message and "\n" not in outcome.message, name
            assert outcome.stage in {"read", "normalise", "write"}, name
            if outcome.kind in BUGS or name in shuffled:
                bugs.append(f"{name}: {outcome.kind}: {outcome.message}")
            continue
        assert isinstance(outcome, DocumentTables)
        extracted += 1
        if name in shuffled:
            assert outcome.tables["actions"].num_rows == shuffled[name], name
    assert not bugs, f"seed {SEED}:\n" + "\n".join(bugs)
    assert extracted >= len(shuffled)  # the shuffled packages at least
