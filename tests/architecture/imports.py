"""The import graph of the package, read from the source (every import, also inside functions)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2] / "broadcast"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    """Every module of the package (migrations are scripts run by Alembic, not imported)."""
    found = {}
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        found[module_name(path)] = path
    return found


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The deepest known module that `name` refers to."""
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(path: Path, known: dict[str, Path]) -> dict[str, set[str]]:
    """{'internal': modules of the package, 'external': top-level names of other packages}."""
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    internal: set[str] = set()
    external: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for target in targets:
            if target.split(".")[0] == "broadcast":
                resolved = _resolve(target, known)
                if resolved and resolved != me:
                    internal.add(resolved)
            elif target:
                external.add(target.split(".")[0])
    # `from broadcast.x import y` also names the package broadcast.x: keep only the deepest
    # module actually named for each statement, so a package __init__ is not a false edge.
    return {"internal": internal, "external": external}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(path, known)["internal"] for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


if __name__ == "__main__":
    for component in cycles(graph()):
        print(" <-> ".join(component))
