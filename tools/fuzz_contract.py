"""Coverage-guided byte fuzzing of the JSON reader: ``make fuzz``.

Every input is bytes: the first picks a document kind and whether the read is strict, the
rest is read as that document. The only exception allowed out of :func:`orderpack.contract.read`
is :class:`~orderpack.ContractError`; a document that reads must write and read back equal.
Anything else stops the run with the input that caused it, saved by the fuzzer as
``crash-*``.

The seeds are the PRO-style and golden documents under ``tests/contract/``, and one document
of each kind from the public strategies. Arguments are libFuzzer's, e.g.
``-atheris_runs=1000000``. At the end the run prints how many inputs it tried.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import atheris  # type: ignore[import-not-found, import-untyped, unused-ignore]

with atheris.instrument_imports(include=["orderpack"]):
    from orderpack import ContractError
    from orderpack.contract import KINDS, dumps, read

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz-corpus"
KIND_LIST = list(dict.fromkeys(KINDS.values()))
TRIED = [0]


def one_input(data: bytes) -> None:
    """Read *data* as the kind its first byte names; only ContractError may come out."""
    TRIED[0] += 1
    if not data:
        return
    choice, body = data[0], data[1:]
    kind = KIND_LIST[choice % len(KIND_LIST)]
    strict = bool(choice & 0x80)
    try:
        value: object = read(body, kind, strict=strict).value
    except ContractError as error:
        if not error.problems:
            raise AssertionError("a ContractError with no problem") from error
        return
    if read(dumps(value), kind, strict=True).value != value:
        raise AssertionError(f"{kind.__name__} does not read back equal")


def seed() -> None:
    """Fill the corpus with PRO-style documents, each under every kind and strictness."""
    CORPUS.mkdir(exist_ok=True)
    documents = [
        path.read_bytes() for path in sorted((ROOT / "tests" / "contract").rglob("*.json"))
    ]
    for n, document in enumerate(documents):
        for choice in range(len(KIND_LIST) * 2):
            byte = (choice % len(KIND_LIST)) | (0x80 if choice >= len(KIND_LIST) else 0)
            (CORPUS / f"seed-{n}-{choice}").write_bytes(bytes([byte]) + document)


def main() -> None:
    """Seed the corpus, fuzz, and say how many inputs were tried."""
    seed()
    started = time.monotonic()
    atheris.Setup([sys.argv[0], *sys.argv[1:], str(CORPUS)], one_input)
    try:
        atheris.Fuzz()
    finally:
        seconds = time.monotonic() - started
        print(f"fuzz_contract: {TRIED[0]:,} inputs in {seconds:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
