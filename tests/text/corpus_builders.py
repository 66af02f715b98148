"""The scripts under tests/fixtures/corpus that build the normaliser's tables from the corpora."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


def load(name: str) -> ModuleType:
    """The builder script `name` (e.g. 'build_word_pairs'), imported from its file."""
    spec = importlib.util.spec_from_file_location(name, CORPUS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    return builder
