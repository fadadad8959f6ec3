"""composer's own imports, read from the source: no cycle, and no `_private` name taken from
another module (issue 9). Function-level imports count (they run, and can close a cycle);
imports under `if TYPE_CHECKING:` do not (they never run)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "composer"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement that can run: anywhere, except inside `if TYPE_CHECKING:`."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.append(child)
            visit(child)

    visit(tree)
    return found


def _base(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _edges() -> dict[str, set[str]]:
    """module -> the composer modules it imports."""
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for module, path in MODULES.items():
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = _base(module, node)
                targets = [
                    f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                    for a in node.names
                ]
            graph[module] |= {t for t in targets if t in MODULES and t != module}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def strong(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                strong(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                group.append(item)
                if item == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            strong(node)
    return groups


def test_the_walk_sees_the_package() -> None:
    graph = _edges()
    assert "composer.cli.application" in graph and "composer.drafting" in graph
    assert "composer.cli.draft" in graph["composer.cli.application"]  # a lazy import counts
    assert "composer.cli.io" in graph["composer.cli.options"]  # `from composer.cli import io`
    assert "composer.llm" in graph["composer.drafting"]  # an import inside a function counts
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_inside_composer() -> None:
    cycles = _cycles(_edges())
    assert not cycles, "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_no_module_imports_a_private_name_from_another_module() -> None:
    found = []
    for module, path in MODULES.items():
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = _base(module, node)
                names = [a.name for a in node.names]
                found += [f"{module}: from {base} import {n}" for n in names if _private(n)]
                modules = [base]
            else:
                modules = [alias.name for alias in node.names]
            for name in modules:
                parts = name.split(".")
                for depth, part in enumerate(parts):
                    owner = ".".join(parts[:depth])  # a package may use its private modules
                    if _private(part) and not (module == owner or module.startswith(owner + ".")):
                        found.append(f"{module}: imports {name}")
    assert not found, "\n".join(found)


def test_no_module_reaches_into_another_modules_privates() -> None:
    """`module._name` on an imported composer module is the same thing by another route."""
    found = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = set()
        for node in _imports(tree):
            if isinstance(node, ast.Import):
                aliases |= {(a.asname or a.name).split(".")[0] for a in node.names}
            else:
                base = _base(module, node)
                aliases |= {a.asname or a.name for a in node.names if f"{base}.{a.name}" in MODULES}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and _private(node.attr)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
            ):
                found.append(f"{module}: {node.value.id}.{node.attr}")
    assert not found, "\n".join(found)


# composer.history still reads COMPOSER_HISTORY, COMPOSER_NO_LOG and OPENAI_API_KEY itself; the
# history rework moves that reading into cli/ (then this set is empty).
READS_ENVIRONMENT_FOR_NOW: set[str] = set()


def test_library_code_never_reads_the_environment() -> None:
    """Only composer.cli turns environment variables into values; the library takes values."""
    found = []
    for module, path in MODULES.items():
        if module.startswith("composer.cli") or module in READS_ENVIRONMENT_FOR_NOW:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "putenv"):
                found.append(f"{module}:{node.lineno}: os.{node.attr}")
            if isinstance(node, ast.ImportFrom) and node.module == "os":
                names = [a.name for a in node.names if a.name in ("environ", "getenv")]
                found += [f"{module}: from os import {name}" for name in names]
    assert not found, "\n".join(found)
