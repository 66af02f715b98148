"""The layer contract of STYLE.md, checked on every import in the source (also inside
functions): the core never imports its faces or their frameworks, nothing imports in a
circle, and modules stay small."""

from __future__ import annotations

import pytest

from tests.architecture.imports import PACKAGE_ROOT, cycles, graph, imports_of, modules

FACES = ("broadcast.api", "broadcast.cli")
FACE_FRAMEWORKS = {"fastapi", "starlette", "typer", "click", "uvicorn"}
TIMER = "apscheduler"
TIMER_HOME = "broadcast.scheduling.jobs"  # the only module that may touch APScheduler
MAX_LINES = 500


def _is_face(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FACES)


CORE = sorted(name for name in modules() if not _is_face(name))


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


@pytest.mark.parametrize("name", CORE)
def test_core_does_not_import_faces(name: str) -> None:
    known = modules()
    found = imports_of(known[name], known)
    assert not [m for m in found["internal"] if _is_face(m)], f"{name} imports a face"
    assert not found["external"] & FACE_FRAMEWORKS, f"{name} imports a web or CLI framework"
    if name != TIMER_HOME:
        assert TIMER not in found["external"], f"{name} imports APScheduler; only {TIMER_HOME} may"


def test_faces_do_not_import_each_other() -> None:
    edges = graph()
    for name, targets in edges.items():
        if name.startswith("broadcast.api"):
            assert not [t for t in targets if t.startswith("broadcast.cli")], name
        if name.startswith("broadcast.cli"):
            assert not [t for t in targets if t.startswith("broadcast.api")], name


def test_modules_stay_small() -> None:
    too_long = {
        str(path.relative_to(PACKAGE_ROOT.parent)): n
        for path in PACKAGE_ROOT.rglob("*.py")
        if (n := len(path.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}


def test_the_checker_sees_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
