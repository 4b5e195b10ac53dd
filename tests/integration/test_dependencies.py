"""Dependencies point one way, checked on every import statement (module level or inside a function):

the core (``cpsplatform``) knows no domain app; ``marketplace`` knows only the core; ``events`` may use the
marketplace; ``search`` indexes the marketplace and events; ``matching`` uses search, the marketplace, and plugs its
ranking into events. Where an app must react to another that it may not import, the other sends a signal or offers
a hook (``marketplace.signals``, ``events.matchmaking.set_default_source``) wired in an ``AppConfig.ready()``.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
ALLOWED = {
    "cpsplatform": set(),
    "marketplace": {"cpsplatform"},
    "events": {"cpsplatform", "marketplace"},
    "search": {"cpsplatform", "marketplace", "events"},
    "matching": {"cpsplatform", "marketplace", "events", "search"},
}


def imported_packages(path: Path) -> set[tuple[str, int]]:
    """(top-level package, line) of every absolute import in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update((alias.name.split(".")[0], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add((node.module.split(".")[0], node.lineno))
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_what_it_may_know(package):
    forbidden = set(ALLOWED) - ALLOWED[package] - {package}
    violations = [
        f"{path.relative_to(ROOT)}:{line} imports {imported}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for imported, line in sorted(imported_packages(path))
        if imported in forbidden
    ]
    assert violations == []


def test_the_checker_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from search.indexes import get_client\n    import matching.engine\n")
    assert imported_packages(module) == {("search", 2), ("matching", 3)}


PROJECT_PACKAGES = ("cpsplatform", "marketplace", "events", "search", "matching", "scripts", "bench", "tests")


def imported_modules(path: Path) -> set[str]:
    """Full dotted names of every absolute import in the file (``from a.b import c`` gives ``a.b``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_the_declared_elasticsearch_dsl_is_the_one_the_code_imports():
    """``pyproject.toml`` declares ``elasticsearch-dsl``: the code imports it as ``elasticsearch_dsl``, never the
    copy bundled in the client (``elasticsearch.dsl``), so the declared dependency is the one in use."""
    declared = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"elasticsearch-dsl>=' in declared
    bundled = []
    importers = set()
    for package in PROJECT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            modules = imported_modules(path)
            bundled += [
                f"{path.relative_to(ROOT)} imports {m}" for m in modules if m.startswith("elasticsearch.dsl")
            ]
            if any(m.split(".")[0] == "elasticsearch_dsl" for m in modules):
                importers.add(path.relative_to(ROOT).as_posix())
    assert bundled == []
    assert {"search/queries.py", "search/documents.py", "search/discussions_index.py"} <= importers
